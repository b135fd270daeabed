// English text of 万人助万企: my appeals, the inbox and the dispatch board; the same keys as zh-CN.ts (the type says so).
import type zh from './zh-CN';

const en: typeof zh = {
  appeals: {
    states: { submitted: 'Submitted', accepted: 'Accepted', dispatched: 'Dispatched', in_progress: 'In progress', returned: 'Returned', replied: 'Replied', rated: 'Rated', closed: 'Closed', merged: 'Merged', withdrawn: 'Withdrawn', not_responsible: 'Declined' },
    actions: { co_unit_add: 'Co-unit added', co_unit_answer: 'Co-unit contribution', co_unit_waive: 'Part waived', notice: 'Escalation notice', notice_answer: 'Notice answered', file: 'File', accept: 'Accept', decline: 'Decline', dispatch: 'Dispatch', return: 'Return', reassign: 'Reassign', start: 'Start', request_extension: 'Request extension', 'request-extension': 'Request extension', approve_extension: 'Decide extension', 'approve-extension': 'Decide extension', escalate: 'Escalate', merge: 'Merge', reply: 'Reply', rate: 'Rate', reopen: 'Reopen', close: 'Close', withdraw: 'Withdraw' },
    channels: { online: 'Online', phone: 'Phone', visit: 'Visit', official: 'By official' },
    satisfaction: { satisfied: 'Satisfied', basic: 'Basically satisfied', dissatisfied: 'Dissatisfied' },
    parties: { co_unit: 'Co-unit', enterprise: 'Enterprise', official: 'Official', dispatcher: 'Dispatcher', unit: 'Unit' },
    complexity: { simple: 'Simple', complex: 'Complex' },
    id: 'No.', title: 'Title', category: 'Category', enterprise: 'Enterprise', state: 'State', unit: 'Unit', coUnits: 'Co-units', filedAt: 'Filed', responseDue: 'Response due', due: 'Due',
    description: 'Description', attachments: 'Attachments (file names)', attachmentsHint: 'one file name a line', contact: 'Contact', channel: 'Channel', file: 'File an appeal', fileTitle: 'File an appeal', submit: 'Submit', cancel: 'Cancel',
    filed: 'Appeal filed (no. {id})', duplicates: 'Possible duplicates: {ids}', tooLong: 'At most 4,000 characters', required: 'Please fill in every field', overdue: 'Overdue', dueTomorrow: 'Due tomorrow',
    reply: 'Reply', noReply: 'No reply yet', history: 'History', rating: 'Rating', solved: 'Solved', unsolved: 'Not solved', rate: 'Rate', reopen: 'Reopen', reason: 'Reason', days: 'Days (working days)',
    done: '{action}: done', conflict: 'Not done: {message} (reloaded)', notFound: 'No such appeal, or you may not see it', back: 'Back to the list', mine: 'My appeals', count: '{n} appeals',
    officials: 'Officials', extensionRequested: 'Extension of {n} working days requested', approve: 'Approve', refuse: 'Refuse', into: 'Merge into no.', unitHint: 'empty = the catalogue', escalations: 'Escalations', reopens: 'Reopens',
    board: 'Dispatch', inbox: 'Inbox', tabs: { submitted: 'To accept', accepted: 'To dispatch', active: 'In progress', replied: 'Replied', rated: 'Rated', closed: 'Closed', overdue: 'Overdue', metrics: 'Metrics' },
    filterOverdue: 'Overdue only', reminders: 'Reminders', deadline: { dispatch: 'Acceptance', response: 'First response', handling: 'Handling' }, actionsCol: 'Actions', open: 'Open', provisional: 'Provisional (statutory holidays)',
    metrics: { title: 'Metrics', groupBy: 'Group by', groups: { region: 'Region', unit: 'Unit', category: 'Category' }, key: 'Group', filed: 'Filed', inScope: 'In scope', response: 'Response rate', onTime: 'On-time closure', resolution: 'Resolution rate', satisfaction: 'Satisfaction', reopen: 'Reopen rate', days: 'Avg. handling days', target: 'Target {p}%', chart: 'Resolution rate by unit', fraction: '{num} / {den}' },
    coverage: { title: 'Official coverage', by: { region: 'By region', size: 'By size', tag: 'By tag' }, covered: 'Covered' },
    match: { title: 'Matchmaking', finance: 'Financing events', amount: 'Financing (100 M yuan)', research: 'Research results', hires: 'Hires', enterprises: 'Enterprises', target: 'Target' },
    files: { title: 'Files', none: 'No files', uploaded: 'Uploaded: {name}', internal: 'Internal', markInternal: 'Staff only (internal)', hint: 'PDF, JPG, PNG, DOCX or XLSX, up to 10 MB each' },
    joint: { title: 'Joint handling', none: 'No co-units', unit: 'Co-unit', question: 'Question for the co-unit', due: 'Due', answer: 'Contribution (staff only)', submitAnswer: 'Submit contribution', waive: 'Waive', waiveReason: 'Reason for waiving', add: 'Add co-unit', added: 'Co-unit added', answered: 'Contribution submitted', waived: 'Part waived', states: { open: 'Open', answered: 'Answered', waived: 'Waived' } },
    notices: { title: 'Escalation notices', none: 'No escalation notices', number: 'Notice no.', answer: 'Answer to the notice', submit: 'Submit answer', answered: 'Notice answered', all: 'All', unitHint: 'Addressed unit (empty = the responsible unit)', statuses: { open: 'Open', overdue: 'Overdue', answered: 'Answered' } },
    stats: {
      title: 'Statistics', cross: 'Category × region × unit', topics: 'Hot topics by month', overdueRanking: 'Overdue ranking by unit', escalationRanking: 'Escalation ranking by unit', satisfaction: 'Satisfaction by unit',
      export: 'Export XLSX', from: 'From month', to: 'To month', today: 'As of', unitOnly: 'Your unit\'s appeals only', note: 'Rate = numerator / denominator ("—" when the denominator is 0); satisfaction and resolution on the latest rating of each appeal; unrated (default) counted apart, in no rate; months are Beijing months of filing.',
      col: { category: 'Category', region: 'Region', unit: 'Unit', filed: 'Filed', inScope: 'In scope', open: 'Open', closed: 'Closed', overdue: 'Overdue', period: 'Month', rank: 'Rank', overdueFraction: 'Overdue / open', overdueShare: 'Overdue (%)', escalatedFraction: 'Escalated / in scope', escalatedShare: 'Escalated (%)', escalations: 'Escalations', satisfactionFraction: 'Satisfied / rated', satisfactionShare: 'Satisfaction (%)', resolutionFraction: 'Solved / rated', resolutionShare: 'Resolution (%)', onTimeFraction: 'On time / closed', onTimeShare: 'On-time closure (%)', unratedDefault: 'Unrated (default)' },
    },
    report: { title: 'Monthly service report', docx: 'Download Word', pdf: 'Download PDF', xlsx: 'Download Excel', downloaded: 'Downloaded: {name}' },
    ruleReasons: { second_not_solved: 'Rated "not solved" again after a reopen: escalated automatically' } as Record<string, string>,
    readOnly: 'Read-only: your role does not handle appeals',
    notDispatched: '(not dispatched)',
  },
};
export default en;
