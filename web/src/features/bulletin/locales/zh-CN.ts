// Chinese text (the default) of 通报 the monthly bulletin.
export default {
  bulletin: {
    title: '月度通报',
    region: '通报地区',
    period: '通报期',
    formats: '下载格式',
    docx: 'Word 文档（可编辑）',
    pdf: 'PDF 文档',
    xlsx: 'Excel 工作簿（含图表）',
    download: '下载',
    downloaded: '已下载 {name}',
    january: '1月数据与2月合并为1—2月发布，请选择2月。',
    contents: '通报内容：规上工业增加值增速（当月、累计，可比价）及与上级地区、目标的比较；各地生产、效益、投资、制造业比重排名（位次、位次变化、高于/低于）；重点行业；入规退规；报送情况。依法不公布的数据显示为“…”。',
  },
};
