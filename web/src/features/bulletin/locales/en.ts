// English text of the monthly bulletin.
export default {
  bulletin: {
    title: 'Monthly bulletin',
    region: 'Region',
    period: 'Period',
    formats: 'Formats',
    docx: 'Word document (editable)',
    pdf: 'PDF document',
    xlsx: 'Excel workbook (with charts)',
    download: 'Download',
    downloaded: 'Downloaded {name}',
    january: 'January is published together with February as January-February: choose February.',
    contents: 'Contents: industrial value-added growth (month and year to date, at comparable prices) against the parent region and the target; rankings of the regions by production, profits, investment and manufacturing share (rank, change of rank, above/below); key industry groups; roster entries and exits; report completeness. Figures withheld under the Statistics Law show as "…".',
  },
};
