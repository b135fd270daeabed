import { createRouter, createWebHistory } from 'vue-router';

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', redirect: (to) => ({ path: '/cockpit', query: to.query }) },
    { path: '/cockpit', name: 'cockpit', component: () => import('./views/CockpitView.vue'), meta: { nav: 'cockpit', period: true } },
    { path: '/explorer', name: 'explorer', component: () => import('./views/ExplorerView.vue'), meta: { nav: 'explorer', period: true } },
    { path: '/rankings', name: 'rankings', component: () => import('./views/RankingsView.vue'), meta: { nav: 'rankings', period: true } },
    { path: '/imports', name: 'imports', component: () => import('./views/ImportsView.vue'), meta: { nav: 'imports' } },
    { path: '/enterprises/:uscc', name: 'enterprise', component: () => import('./views/EnterpriseView.vue'), meta: { nav: 'enterprise' } },
    { path: '/:pathMatch(.*)*', name: 'notfound', component: () => import('./views/NotFoundView.vue') },
  ],
});
