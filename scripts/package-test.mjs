// scripts/package-test's WebDriver client (plain W3C WebDriver over fetch, no packages): starts the
// installed app (/usr/bin/records-desk-app, in the clean root) on the demo database through
// tauri-driver, finds the sign-in screen, signs in as the demo's Privacy Official and waits for
// the dashboard; saves a screenshot of it.
//   node scripts/package-test.mjs DRIVER_URL SCREENSHOT.png
import { writeFileSync } from "node:fs";

const [url, shot] = process.argv.slice(2);
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const WAIT_MS = 30_000;

async function call(method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

async function until(what, probe) {
  const deadline = Date.now() + WAIT_MS;
  let last;
  while (Date.now() < deadline) {
    try {
      const got = await probe();
      if (got) return got;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} within ${WAIT_MS / 1000} s${last ? `: ${last.message}` : ""}`);
}

// tauri-driver takes a moment to listen.
const session = await until("a WebDriver session", () =>
  call("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        "tauri:options": {
          application: "/usr/bin/records-desk-app",
          args: ["--db", "/root/demo/records.db"],
        },
      },
    },
  }),
);
const s = `/session/${session.sessionId}`;
const find = async (css) => (await call("POST", `${s}/element`, { using: "css selector", value: css }))[ELEMENT];
const text = async (css) => call("GET", `${s}/element/${await find(css)}/text`);

try {
  const heading = await until("the sign-in screen", async () => {
    const h1 = await text("h1");
    return h1.includes("Sign in") && h1;
  });
  console.log(`the installed app shows "${heading}"`);
  await find("#username");
  await find("#password");
  await call("POST", `${s}/element/${await find("#username")}/value`, { text: "official" });
  await call("POST", `${s}/element/${await find("#password")}/value`, { text: "demo-official-pass" });
  await call("POST", `${s}/element/${await find("#sign-in-button")}/click`, {});
  await until("the dashboard after signing in as the demo's Privacy Official", () => find("#dashboard"));
  console.log(`signed in: the dashboard shows "${(await text("#dashboard h1")).trim()}"`);
  writeFileSync(shot, Buffer.from(await call("GET", `${s}/screenshot`), "base64"));
  console.log(`screenshot ${shot}`);
} finally {
  await call("DELETE", s).catch(() => {});
}
