// Debian's chromium, started headless by playwright-core the way this
// machine needs: no sandbox (root), no GPU, and none of the background
// connections a closed network refuses. playwright gives each launch a
// fresh profile of its own (--user-data-dir). $CHROMIUM names another
// binary. Shared by the browser suite, the serve overlay test and the
// search benchmark.
import { chromium } from "playwright-core";

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
