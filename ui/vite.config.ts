import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app is served by Tauri from ui/dist; nothing is loaded from the network.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari16", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  // USWDS is compiled from its Sass packages (src/uswds.scss), only those the screens use.
  css: {
    preprocessorOptions: {
      scss: { loadPaths: ["node_modules/@uswds/uswds/packages"], quietDeps: true },
    },
  },
});
