import { createApp } from 'vue';
import { installElement } from './shared/lib/element'; // before app.css, so that app.css overrides it
import './shared/styles/app.css';
import App from './App.vue';
import { router } from './router';
import { setUnauthorizedHandler } from './api/client';
import { clearSession } from './shared/lib/auth';

// A 401 anywhere means the session has ended (expired, logged out elsewhere): log in again and
// come back to where the user was.
setUnauthorizedHandler(() => {
  clearSession(true);
  const here = router.currentRoute.value;
  if (here.name === 'login') return;
  router.replace({ path: '/login', query: { redirect: here.fullPath } });
});

const app = createApp(App);
installElement(app);
app.use(router).mount('#app');
