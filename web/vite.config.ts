import { defineConfig } from "vite";
import preact from "@preact/preset-vite";
import { precompress } from "./vite-compress";
import { pwa } from "./vite-pwa";

// `npm run dev` proxies the API to a `vinculo serve` on port 8080.
export default defineConfig({
  plugins: [preact(), pwa(), precompress()],
  build: { outDir: "dist", emptyOutDir: true, assetsDir: "assets", sourcemap: false },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
