#!/usr/bin/env python3
"""Tabs through pages of a running Oversight in headless Chromium with the keyboard alone, as a
person who cannot use a mouse would, and reports:

- SKIP-LINK: the first Tab does not reach a "Skip to main content" link, or following it with
  Enter does not take the next Tab into the page's main content;
- NOT-REACHED: an interactive element (link, button, field, summary, scroll region) that Tab never
  reaches (a radio group counts once: Tab stops on one of its buttons);
- ORDER: Tab moves backwards in the page (a positive tabindex, or content moved by CSS away from
  where it sits in the page), or reaches something hidden;
- NO-FOCUS-STYLE: an element that looks the same focused as not (no outline, shadow, background or
  colour change).

Run by Tests/OversightTests/BrowserTests.swift against `oversight serve --demo`; by hand:

    python3 Tests/Browser/keyboard_check.py --base http://127.0.0.1:8080 \
        --account editor@northmoor.example --password northmoor-demo-2026 \
        --page /plans/1 --page /actions/1 --page /meetings/11

Exits 1 when there is any finding.
"""

import argparse
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

from signing_in import SignInRefused, sign_in

# Marks every element a keyboard should reach, in page order, and returns how each looks unfocused.
# Radios of one group share a stop; fields inside a closed <details> and hidden ones are not stops.
MARK = """
const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
const inClosedDetails = e => { for (let p = e.parentElement; p; p = p.parentElement) {
    if (p.tagName === 'DETAILS' && !p.open && !(e.tagName === 'SUMMARY' && e.parentElement === p)) return true; } return false; };
const look = e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
    s.backgroundColor, s.color, s.textDecorationLine, s.textDecorationThickness, s.borderColor].join('|'); };
const stops = [];
const groups = new Set();
let index = 0;
for (const e of document.querySelectorAll(selector)) {
  e.dataset.kbIndex = String(index++);
  if (e.disabled || e.getAttribute('tabindex') === '-1' || !visible(e) || inClosedDetails(e)) continue;
  if (e.matches('summary') && !e.parentElement.matches('details')) continue;
  let group = null;
  if (e.type === 'radio') {
    group = (e.form ? 'form' + e.form.dataset.kbIndex : 'page') + ':' + e.name;
    if (groups.has(group)) continue;
    groups.add(group);
  }
  stops.push({index: Number(e.dataset.kbIndex), group: group, describe: describe(e), look: look(e)});
}
function describe(e) {
  const text = (e.getAttribute('aria-label') || e.innerText || e.value || e.name || e.id || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '') + (text ? ' "' + text + '"' : '');
}
window.__kbLook = look;
window.__kbDescribe = describe;
return stops;
"""

# The element Tab has just focused: its place in the page, how it looks now, whether it is shown.
FOCUSED = """
const e = document.activeElement;
if (!e || e === document.body || !e.dataset.kbIndex) return null;
const r = e.getBoundingClientRect();
const radioGroup = e.type === 'radio' ? (e.form ? 'form' + e.form.dataset.kbIndex : 'page') + ':' + e.name : null;
return {index: Number(e.dataset.kbIndex), group: radioGroup, look: window.__kbLook(e), describe: window.__kbDescribe(e),
        shown: r.width > 0 && r.height > 0, inMain: !!e.closest('main')};
"""

MAX_TABS = 800


class Check:
    def __init__(self, args):
        self.args = args
        self.findings = []

    def find(self, kind, page, element, detail=""):
        self.findings.append(kind)
        print(f"{kind} page={page} element={element} {detail}".rstrip(), flush=True)

    def tab(self, driver):
        ActionChains(driver).send_keys(Keys.TAB).perform()

    def skip_link(self, driver, page):
        self.tab(driver)
        first = driver.execute_script("const e = document.activeElement; return e ? [e.tagName, e.getAttribute('href'), e.innerText] : null;")
        if not first or first[0] != "A" or not (first[1] or "").startswith("#") or "skip" not in (first[2] or "").lower():
            self.find("SKIP-LINK", page, str(first), "the first Tab should reach the skip link")
            return
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        self.tab(driver)
        focused = driver.execute_script(FOCUSED)
        if not focused or not focused["inMain"]:
            self.find("SKIP-LINK", page, focused["describe"] if focused else "(nothing)",
                      "after following the skip link, Tab should go into the main content")

    def walk(self, driver, page):
        driver.get(self.args.base + page)
        stops = driver.execute_script(MARK)
        # From the top of the page, with nothing focused.
        self.skip_link(driver, page)
        driver.get(self.args.base + page)
        driver.execute_script(MARK)
        reached, last, order_broken = [], -1, False
        for _ in range(MAX_TABS):
            self.tab(driver)
            focused = driver.execute_script(FOCUSED)
            if focused is None:
                if reached:
                    break
                continue
            key = focused["group"] or focused["index"]
            if reached and key == reached[0]:
                break
            reached.append(key)
            if not focused["shown"]:
                self.find("ORDER", page, focused["describe"], "Tab reached something that is not shown")
            if focused["index"] < last and not order_broken:
                order_broken = True
                self.find("ORDER", page, focused["describe"], "Tab went back up the page")
            last = focused["index"]
            before = next((stop["look"] for stop in stops if stop["index"] == focused["index"]), None)
            if before is not None and before == focused["look"]:
                self.find("NO-FOCUS-STYLE", page, focused["describe"], "looks the same focused as not")
        reached_keys = set(reached)
        missing = [stop for stop in stops if (stop["group"] or stop["index"]) not in reached_keys]
        for stop in missing:
            self.find("NOT-REACHED", page, stop["describe"], "Tab never reaches it")
        print(f"tabbed {page}: {len(reached)} stops of {len(stops)} expected", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--account", required=True, help="the email to sign in as (empty: signed out)")
    parser.add_argument("--password", required=True)
    parser.add_argument("--page", action="append", default=[], help="an address to tab through (repeat)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,900", "--disable-extensions", "--no-first-run"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(args.chromedriver), options=options)
    driver.set_page_load_timeout(60)
    check = Check(args)
    try:
        if args.account:
            try:
                sign_in(driver, args.base, args.account, args.password)
            except SignInRefused as refused:
                sys.exit(str(refused))
        for page in args.page:
            check.walk(driver, page)
    finally:
        driver.quit()
    print(f"{len(args.page)} pages, {len(check.findings)} findings", flush=True)
    sys.exit(1 if check.findings else 0)


if __name__ == "__main__":
    main()
