import { describe, expect, it } from 'vitest';
import { badgeText, daysLeft, showCalendarWarning } from './notifications';

describe('notifications', () => {
  it('shows no badge at zero and caps it at 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });
  it('counts the days left to the calendar\'s end', () => {
    expect(daysLeft('2026-12-31', '2026-11-01')).toBe(60);
    expect(daysLeft('2026-12-31', '2026-12-31')).toBe(0);
  });
  it('shows the calendar banner only when the server warns', () => {
    expect(showCalendarWarning(null)).toBe(false);
    expect(showCalendarWarning({ known_to: '2026-12-31', warning: false, warning_days: 60 })).toBe(false);
    expect(showCalendarWarning({ known_to: '2026-12-31', warning: true, warning_days: 60 })).toBe(true);
  });
});
