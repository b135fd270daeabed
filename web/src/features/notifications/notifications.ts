// The notification centre (docs/service.md, "Notifications"): the caller's notifications with
// the unread count, polled while the shell is open, and the calendar's warning for administrators.
import { reactive } from 'vue';
import { apiGet, apiSend } from '../../api/http';

export interface AppNotification {
  id: number;
  kind: 'dispatched' | 'replied' | 'due_tomorrow' | 'overdue' | 'escalated' | string;
  appeal_id: number;
  title: string;
  body: string;
  created_at: string;
  read: boolean;
  delivery: string;
}
export interface CalendarStatus {
  known_to: string;
  warning: boolean;
  warning_days: number;
}

export const inbox = reactive({ items: [] as AppNotification[], unread: 0, loaded: false });
export const calendar = reactive({ status: null as CalendarStatus | null });

export async function refreshNotifications(): Promise<void> {
  const r = await apiGet<{ notifications: AppNotification[]; unread: number }>('/notifications', { limit: '30' });
  inbox.items = r.notifications;
  inbox.unread = r.unread;
  inbox.loaded = true;
}

export async function markRead(id: number): Promise<void> {
  await apiSend('POST', `/notifications/${id}/read`);
  const n = inbox.items.find((x) => x.id === id);
  if (n && !n.read) {
    n.read = true;
    inbox.unread = Math.max(0, inbox.unread - 1);
  }
}

export async function markAllRead(): Promise<void> {
  await apiSend('POST', '/notifications/read-all');
  for (const n of inbox.items) n.read = true;
  inbox.unread = 0;
}

export async function refreshCalendarStatus(): Promise<void> {
  calendar.status = await apiGet<CalendarStatus>('/service/calendar/status');
}

/** The badge text: nothing at 0, the count up to 99, then 99+. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

/** Whole days from `today` (YYYY-MM-DD) to the calendar's last known day. */
export function daysLeft(knownTo: string, today: string): number {
  return Math.round((Date.parse(`${knownTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Whether the calendar banner shows: the server decides (`warning`, administrators only). */
export function showCalendarWarning(s: CalendarStatus | null): boolean {
  return !!s && s.warning;
}
