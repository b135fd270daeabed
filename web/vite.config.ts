/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// `npm run dev` proxies the API and the maps to a running `ballast serve`.
const backend = process.env.BALLAST_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [vue()],
  base: '/',
  server: {
    host: '127.0.0.1',
    proxy: { '/api': backend, '/geo': backend },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // One chunk per large library so that the app code can change without busting them.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('/echarts/') || id.includes('/zrender/')) return 'echarts';
          if (id.includes('/element-plus/') || id.includes('/@element-plus/') || id.includes('/@floating-ui/') || id.includes('/lodash')) return 'element-plus';
          if (id.includes('/write-excel-file/') || id.includes('/fflate/')) return 'xlsx';
          if (id.includes('/@vue/') || id.includes('/vue/') || id.includes('/vue-router/')) return 'vue';
          return undefined;
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
