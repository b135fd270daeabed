// English text of the notification centre and the calendar warning; the same keys as zh-CN.ts.
import type zh from './zh-CN';

const en: typeof zh = {
  notifications: {
    title: 'Notifications',
    empty: 'No notifications',
    markAll: 'Mark all read',
    open: 'Open the appeal',
    kinds: { dispatched: 'New dispatch', replied: 'Replied', due_tomorrow: 'Due tomorrow', overdue: 'Overdue', escalated: 'Escalated', co_unit: 'Joint handling', co_unit_answered: 'Co-unit answered', notice: 'Escalation notice', notice_answered: 'Notice answered' },
    calendarWarning: 'The working-day calendar ends on {date} ({days} days left). Load the next year once the State Council publishes it; deadlines after it are provisional (statutory holidays only).',
  },
};
export default en;
