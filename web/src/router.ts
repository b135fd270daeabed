import { createRouter, createWebHistory } from 'vue-router';
import { auth, canImport, ensureSession, homePath, isEnterpriseUser, safeRedirect } from './shared/lib/auth';

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', redirect: (to) => ({ path: '/cockpit', query: to.query }) },
    { path: '/login', name: 'login', component: () => import('./features/auth/LoginView.vue'), meta: { public: true, bare: true } },
    { path: '/cockpit', name: 'cockpit', component: () => import('./features/cockpit/CockpitView.vue'), meta: { nav: 'cockpit', period: true, aggregate: true } },
    { path: '/explorer', name: 'explorer', component: () => import('./features/explorer/ExplorerView.vue'), meta: { nav: 'explorer', period: true, aggregate: true } },
    { path: '/rankings', name: 'rankings', component: () => import('./features/rankings/RankingsView.vue'), meta: { nav: 'rankings', period: true, aggregate: true } },
    { path: '/bulletin', name: 'bulletin', component: () => import('./features/bulletin/BulletinView.vue'), meta: { nav: 'bulletin', period: true, aggregate: true } },
    { path: '/warnings', name: 'warnings', component: () => import('./features/warnings/WarningsView.vue'), meta: { nav: 'warnings', aggregate: true } },
    { path: '/chains', name: 'chains', component: () => import('./features/chains/ChainsView.vue'), meta: { nav: 'chains', aggregate: true } },
    { path: '/projects', name: 'projects', component: () => import('./features/projects/ProjectsView.vue'), meta: { nav: 'projects' } },
    { path: '/parks', name: 'parks', component: () => import('./features/parks/ParksView.vue'), meta: { nav: 'parks' } },
    { path: '/cultivation', name: 'cultivation', component: () => import('./features/cultivation/CultivationView.vue'), meta: { nav: 'cultivation' } },
    { path: '/benefits', name: 'benefits', component: () => import('./features/benefits/BenefitsView.vue'), meta: { nav: 'benefits' } },
    { path: '/targets', name: 'targets', component: () => import('./features/targets/TargetsView.vue'), meta: { nav: 'targets', aggregate: true } },
    { path: '/imports', name: 'imports', component: () => import('./features/imports/ImportsView.vue'), meta: { nav: 'imports' } },
    { path: '/appeals', name: 'appeals', component: () => import('./features/appeals/AppealsView.vue'), meta: { nav: 'appeals' } },
    { path: '/appeals/inbox', name: 'inbox', component: () => import('./features/appeals/InboxView.vue'), meta: { nav: 'inbox', service: true } },
    { path: '/appeals/board', name: 'board', component: () => import('./features/appeals/BoardView.vue'), meta: { nav: 'board', service: true } },
    { path: '/appeals/stats', name: 'stats', component: () => import('./features/appeals/StatsView.vue'), meta: { nav: 'stats', service: true, aggregate: true } },
    { path: '/enterprises/:uscc', name: 'enterprise', component: () => import('./features/enterprise/EnterpriseView.vue'), meta: { nav: 'enterprise' } },
    { path: '/:pathMatch(.*)*', name: 'notfound', component: () => import('./shared/components/NotFoundView.vue') },
  ],
});

// Every page but /login needs a session; an enterprise user has no aggregate pages.
router.beforeEach(async (to) => {
  await ensureSession();
  if (to.name === 'login' && auth.user) return safeRedirect(to.query.redirect) ?? homePath();
  if (to.meta.public) return true;
  if (!auth.user) return { path: '/login', query: { redirect: to.fullPath } };
  if (isEnterpriseUser.value && to.meta.service) return '/appeals';
  if (isEnterpriseUser.value && (to.meta.aggregate || (to.name === 'imports' && !canImport.value))) return homePath();
  return true;
});
