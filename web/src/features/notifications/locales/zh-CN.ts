// 通知中心与工作日历提醒的中文文本。
const zh = {
  notifications: {
    title: '通知',
    empty: '暂无通知',
    markAll: '全部已读',
    open: '查看诉求',
    kinds: { dispatched: '新派单', replied: '已答复', due_tomorrow: '明日到期', overdue: '已超期', escalated: '督办', co_unit: '会办', co_unit_answered: '会办单位已答复', notice: '督办通知', notice_answered: '督办已回复' } as Record<string, string>,
    calendarWarning: '工作日历只到 {date}（还剩 {days} 天）。请在国务院办公厅发布新一年节假日安排后载入；此后的期限按法定节假日临时计算。',
  },
};
export default zh;
