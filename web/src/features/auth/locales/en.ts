// English text of 登录 the login page and the refusals of role and scope; the same keys as zh-CN.ts (the type says so).
import type zh from './zh-CN';

const en: typeof zh = {
  login: {
    title: 'Log in',
    subtitle: 'Industrial economy monitoring',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    required: 'Enter your username and password',
    wrong: 'Wrong username or password',
    throttled: 'Too many failed logins; try again in {minutes} minutes',
    throttledSoon: 'Too many failed logins; try again later',
    expired: 'Your session has ended; please log in again',
    footer: 'For authorised users only; every action is recorded in the audit log',
  },
  auth: {
    role: 'Role',
    scope: 'Scope',
    logout: 'Log out',
    roles: { admin: 'Administrator', analyst: 'Analyst', dispatcher: 'Dispatcher', handler: 'Handler', enterprise: 'Enterprise user', viewer: 'Viewer' },
    forbidden: 'Access denied',
    forbiddenScope: '{region} is outside your scope. Your account may see {scope} and the regions below it.',
    forbiddenEnterprise: 'Enterprise-level data is open to analysts and administrators only; your role ({role}) may not see it.',
    forbiddenOwnEnterprise: 'An enterprise user may see its own enterprise only.',
    forbiddenImports: 'Imports are open to analysts and administrators only; your role ({role}) may not use them.',
    forbiddenGeneric: 'Your account ({role}, scope {scope}) may not see this.',
    serverSaid: 'The server said: {message}',
    backToScope: 'Show {scope}',
    backHome: 'Back to the start page',
  },
};
export default en;
