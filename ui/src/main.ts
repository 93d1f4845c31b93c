import "@fontsource-variable/inter/wght.css";
import "@fontsource-variable/source-serif-4/wght.css";
import "@fontsource/courier-prime/400.css";
import "@fontsource/courier-prime/400-italic.css";
import "@fontsource/courier-prime/700.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";

async function bootstrap(): Promise<void> {
  // The fake backend exists only in `vite --mode mock`; in any other mode this branch is
  // removed at build time, so the mock never ships.
  if (import.meta.env.MODE === "mock") {
    const { installMockBackend } = await import("./mock/install");
    installMockBackend();
  }
  mount(App, { target: document.getElementById("app")! });
}

void bootstrap();
