/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

const lib = fileURLToPath(new URL("./src/lib", import.meta.url));

// https://v2.tauri.app/start/frontend/vite/
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  resolve: {
    alias: { $lib: lib },
    // Component tests mount Svelte in jsdom, which needs the browser build of svelte.
    conditions: process.env.VITEST ? ["browser"] : undefined,
  },
  server: {
    port: 1420,
    strictPort: true,
    host: process.env.TAURI_DEV_HOST || false,
    watch: { ignored: ["**/src-tauri/**", "**/crates/**", "**/target/**"] },
  },
  preview: { port: 4173, strictPort: true },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    // The mock build goes elsewhere so ui/dist is always the real app.
    outDir: mode === "mock" ? "dist-mock" : "dist",
    emptyOutDir: true,
    // WebKitGTK (Linux), WKWebView (macOS) and WebView2 all handle this.
    target: ["es2021", "safari15"],
    sourcemap: mode === "mock",
    chunkSizeWarningLimit: 900,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["./src/test-setup.ts"],
  },
}));
