import { createApp } from 'vue';
import { installElement } from './lib/element'; // before app.css, so that app.css overrides it
import './styles/app.css';
import App from './App.vue';
import { router } from './router';

const app = createApp(App);
installElement(app);
app.use(router).mount('#app');
