// Chinese text (the default) of 万人助万企: my appeals, the inbox and the dispatch board.
export default {
  appeals: {
    states: { submitted: '已提交', accepted: '已受理', dispatched: '已派单', in_progress: '办理中', returned: '已退回', replied: '已回复', rated: '已评价', closed: '已办结', merged: '已合并', withdrawn: '已撤回', not_responsible: '不予受理' } as Record<string, string>,
    actions: { file: '提交', accept: '受理', decline: '不予受理', dispatch: '派单', return: '退回', reassign: '改派', start: '签收办理', request_extension: '申请延期', 'request-extension': '申请延期', approve_extension: '审批延期', 'approve-extension': '审批延期', escalate: '督办', merge: '合并', reply: '回复', rate: '评价', reopen: '重新办理', close: '办结', withdraw: '撤回' } as Record<string, string>,
    channels: { online: '网上', phone: '电话', visit: '走访', official: '包联干部代报' } as Record<string, string>,
    satisfaction: { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' } as Record<string, string>,
    parties: { enterprise: '企业', official: '包联干部', dispatcher: '调度', unit: '承办单位' } as Record<string, string>,
    complexity: { simple: '简单', complex: '复杂' } as Record<string, string>,
    id: '编号', title: '标题', category: '类别', enterprise: '企业', state: '状态', unit: '承办单位', coUnits: '协办单位', filedAt: '提交时间', responseDue: '响应时限', due: '办理时限',
    description: '诉求内容', attachments: '附件（文件名）', attachmentsHint: '每行一个文件名', contact: '联系人及电话', channel: '渠道', file: '提交诉求', fileTitle: '提交诉求', submit: '提交', cancel: '取消',
    filed: '诉求已提交（编号 {id}）', duplicates: '可能重复的诉求：{ids}', tooLong: '诉求内容不能超过 4,000 字', required: '请填写完整', overdue: '逾期', dueTomorrow: '明日到期',
    reply: '答复', noReply: '尚未答复', history: '办理记录', rating: '评价', solved: '已解决', unsolved: '未解决', rate: '提交评价', reopen: '重新办理', reason: '理由', days: '延期天数（工作日）',
    done: '已{action}', conflict: '操作未成功：{message}（已重新载入）', notFound: '诉求不存在或无权查看', back: '返回列表', mine: '我的诉求', count: '共 {n} 件',
    officials: '包联干部', extensionRequested: '申请延期 {n} 个工作日', approve: '同意', refuse: '不同意', into: '合并到编号', unitHint: '留空 = 按派单目录', escalations: '督办次数', reopens: '重办次数',
    board: '派单', inbox: '办理', tabs: { submitted: '待受理', accepted: '待派单', active: '办理中', replied: '已回复', rated: '已评价', closed: '已办结', overdue: '逾期', metrics: '指标' } as Record<string, string>,
    filterOverdue: '只看逾期', reminders: '提醒', deadline: { dispatch: '受理派单', response: '首次响应', handling: '办理' } as Record<string, string>, actionsCol: '操作', open: '查看', provisional: '临时（按法定节假日）',
    metrics: { title: '办理指标', groupBy: '分组', groups: { region: '地区', unit: '承办单位', category: '类别' } as Record<string, string>, key: '分组', filed: '受理数', inScope: '纳入统计', response: '响应率', onTime: '按时办结率', resolution: '问题解决率', satisfaction: '满意率', reopen: '重办率', days: '平均办理工作日', target: '目标 {p}%', chart: '各承办单位问题解决率', fraction: '{num} / {den}' },
    coverage: { title: '包联覆盖率', by: { region: '按地区', size: '按规模', tag: '按标签' } as Record<string, string>, covered: '覆盖率' },
    match: { title: '对接活动', finance: '产融对接活动', amount: '融资金额（亿元）', research: '产学研成果', hires: '用工招聘（人）', enterprises: '参与企业', target: '目标' },
    stats: {
      title: '统计', cross: '类别×地区×承办单位', topics: '热点问题（按月）', overdueRanking: '逾期排名（按承办单位）', escalationRanking: '督办排名（按承办单位）', satisfaction: '满意率（按承办单位）',
      export: '导出 XLSX', from: '起始月份', to: '截止月份', today: '统计日', unitOnly: '仅显示本单位的诉求', note: '比率 = 分子 / 分母（分母为 0 时显示“—”）；满意率、问题解决率按每件诉求的最新评价计算；未评价(默认)单列，不计入任何比率；月份为北京时间的提交月份。',
      col: { category: '类别', region: '地区', unit: '承办单位', filed: '诉求数', inScope: '纳入统计', open: '未办结', closed: '已办结', overdue: '逾期', period: '月份', rank: '名次', overdueFraction: '逾期/未办结', overdueShare: '逾期率(%)', escalatedFraction: '督办件/纳入统计', escalatedShare: '督办率(%)', escalations: '督办次数', satisfactionFraction: '满意/已评价', satisfactionShare: '满意率(%)', resolutionFraction: '已解决/已评价', resolutionShare: '问题解决率(%)', onTimeFraction: '按时/已办结', onTimeShare: '按时办结率(%)', unratedDefault: '未评价(默认)' } as Record<string, string>,
    },
    readOnly: '只读：您的角色不能办理诉求',
    notDispatched: '（未派单）',
  },
};
