// The UI's text: every feature's locale files merged into one dictionary per language
// (shared/lib/i18n.ts looks keys up in them). A feature adds its zh-CN.ts and en.ts here.
import sharedZh from './shared/locales/zh-CN';
import sharedEn from './shared/locales/en';
import appealsZh from './features/appeals/locales/zh-CN';
import appealsEn from './features/appeals/locales/en';
import cockpitZh from './features/cockpit/locales/zh-CN';
import cockpitEn from './features/cockpit/locales/en';
import explorerZh from './features/explorer/locales/zh-CN';
import explorerEn from './features/explorer/locales/en';
import rankingsZh from './features/rankings/locales/zh-CN';
import rankingsEn from './features/rankings/locales/en';
import importsZh from './features/imports/locales/zh-CN';
import importsEn from './features/imports/locales/en';
import authZh from './features/auth/locales/zh-CN';
import authEn from './features/auth/locales/en';
import warningsZh from './features/warnings/locales/zh-CN';
import warningsEn from './features/warnings/locales/en';
import targetsZh from './features/targets/locales/zh-CN';
import targetsEn from './features/targets/locales/en';
import enterpriseZh from './features/enterprise/locales/zh-CN';
import enterpriseEn from './features/enterprise/locales/en';
import notificationsZh from './features/notifications/locales/zh-CN';
import notificationsEn from './features/notifications/locales/en';
import chainsZh from './features/chains/locales/zh-CN';
import chainsEn from './features/chains/locales/en';
import bulletinZh from './features/bulletin/locales/zh-CN';
import bulletinEn from './features/bulletin/locales/en';
import projectsZh from './features/projects/locales/zh-CN';
import projectsEn from './features/projects/locales/en';
import parksZh from './features/parks/locales/zh-CN';
import parksEn from './features/parks/locales/en';
import cultivationZh from './features/cultivation/locales/zh-CN';
import cultivationEn from './features/cultivation/locales/en';

import benefitsZh from './features/benefits/locales/zh-CN';
import benefitsEn from './features/benefits/locales/en';

export const zh = { ...sharedZh, ...appealsZh, ...cockpitZh, ...explorerZh, ...rankingsZh, ...importsZh, ...authZh, ...warningsZh, ...targetsZh, ...enterpriseZh, ...notificationsZh, ...chainsZh, ...bulletinZh, ...projectsZh, ...parksZh, ...benefitsZh, ...cultivationZh };
export const en: typeof zh = { ...sharedEn, ...appealsEn, ...cockpitEn, ...explorerEn, ...rankingsEn, ...importsEn, ...authEn, ...warningsEn, ...targetsEn, ...enterpriseEn, ...notificationsEn, ...chainsEn, ...bulletinEn, ...projectsEn, ...parksEn, ...benefitsEn, ...cultivationEn };
