#!/usr/bin/env python3
"""Opens every page of a running Oversight in headless Chromium, as each role, at each width,
and reports what axe-core finds against WCAG 2.0-2.2 A/AA and what scrolls sideways at 320 px.

Run by Tests/OversightTests/BrowserTests.swift against `oversight serve --demo` with the list
`oversight pages` prints; by hand:

    python3 Tests/Browser/axe_walk.py --base http://127.0.0.1:8080 --pages pages.json \
        --account editor=editor@northmoor.example --password northmoor-demo-2026

Prints one line per finding (`VIOLATION page=… role=… width=… rule=… element=…`, `REFLOW …`,
`STATUS …`) and a summary, writes them as JSON with --report, and exits 1 when there is any.
"""

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from signing_in import SignInRefused, sign_in

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = [(1280, 900), (375, 800), (320, 640)]
# Roles whose every page × width is saved as a PNG for a person to look at.
SCREENSHOT_ROLES = {"editor", "board-member"}


def axe_source(path=None):
    """axe.min.js from the given file or the axe-playwright-python wheel, checked to be 4.8 or later
    (the first 4.x that knows the WCAG 2.2 rules this walk asks for)."""
    if path is None:
        spec = importlib.util.find_spec("axe_playwright_python")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("axe-core not found: pip install --no-deps axe-playwright-python (scripts/test does)")
        path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    match = re.search(r"axe v(\d+)\.(\d+)\.(\d+)", source[:200])
    if not match or (int(match.group(1)), int(match.group(2))) < (4, 8):
        sys.exit(f"{path} is not axe-core 4.8 or later: {source[:60]!r}")
    return source, ".".join(match.groups())


# Runs axe on the page as it is now, reporting violations only (faster than every result type).
# arguments[0] is axe's runOnly: every rule of the tags, or the rules that change with the width.
RUN_AXE = """
const done = arguments[arguments.length - 1];
document.querySelectorAll('details').forEach(d => { d.open = true; });
axe.run(document, {runOnly: arguments[0], resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 10), count: v.nodes.length}))))
  .catch(e => done([{rule: 'axe-error', impact: 'critical', help: String(e), nodes: [], count: 1}]));
"""
EVERY_RULE = {"type": "tag", "values": TAGS}
# The stylesheet has one breakpoint below 1280 (641 px): 375 and 320 get the same fonts and
# colours, so at 320 only what moves with the width is checked again (and reflow).
LAYOUT_RULES = {"type": "rule", "values": ["target-size", "scrollable-region-focusable"]}
RULES_AT = {1280: EVERY_RULE, 375: EVERY_RULE, 320: LAYOUT_RULES}

# WCAG 1.4.10: at 320 px nothing scrolls sideways except inside a scroll region a keyboard can
# reach and a screen reader can name. Returns what overflows the page, and scroll regions that
# cannot be reached or named.
REFLOW = """
const width = window.innerWidth;
const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
const scrolls = e => { const s = getComputedStyle(e); return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1; };
const clips = e => ['hidden', 'clip'].includes(getComputedStyle(e).overflowX);
const problems = [];
if (document.documentElement.scrollWidth > width + 1) {
  // The outermost elements that stick out past the viewport and are not inside a scroll region or a clipping box.
  const all = Array.from(document.body.querySelectorAll('*'));
  const out = all.filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) return false;
    // An absolutely placed box is clipped only by boxes from its containing block outwards.
    const position = getComputedStyle(e).position;
    const start = position === 'fixed' ? null : position === 'absolute' ? e.offsetParent : e.parentElement;
    for (let p = start; p && p !== document.body; p = p.parentElement) {
      if (scrolls(p) || clips(p)) return false;
    }
    return true;
  });
  const outermost = out.filter(e => !out.includes(e.parentElement));
  problems.push({kind: 'page scrolls sideways', scrollWidth: document.documentElement.scrollWidth,
                 elements: outermost.slice(0, 5).map(e => describe(e) + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)')});
}
for (const e of document.body.querySelectorAll('*')) {
  if (!scrolls(e)) continue;
  const named = (e.getAttribute('aria-label') || '').trim() || e.getAttribute('aria-labelledby');
  if (e.getAttribute('tabindex') !== '0' || !named || !e.getAttribute('role')) {
    problems.push({kind: 'scroll region not focusable or not named (needs tabindex="0", role and aria-label)', elements: [describe(e)]});
  }
}
// The plan's actions table on a phone is stacked: each action's ref, title, due date and rating
// are on screen without scrolling sideways, inside or outside a scroll region.
const onScreen = e => { if (!e) return false; const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= width + 1; };
for (const row of document.querySelectorAll('table.table--actions tbody tr')) {
  const title = row.querySelector('td a');
  const due = Array.from(row.querySelectorAll('td')).find(td => /^Due/.test(td.getAttribute('data-label') || ''));
  const rating = row.querySelector('td .tag');
  const missing = [['ref', row.querySelector('th.ref')], ['title', title], ['due', due], ['rating', rating]]
      .filter(([, cell]) => !onScreen(cell)).map(([name]) => name);
  if (missing.length) {
    problems.push({kind: 'action row not stacked: ' + missing.join(', ') + ' off screen', elements: [(row.querySelector('th.ref') || row).textContent.trim().slice(0, 20)]});
  }
}
return problems;
"""

STATUS = "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;"


class Walk:
    def __init__(self, args, axe):
        self.args = args
        self.axe = axe
        self.findings = []
        self.visits = 0
        self.axe_runs = 0
        self.timings = Counter()

    def browser(self):
        options = webdriver.ChromeOptions()
        options.binary_location = self.args.chromium
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900",
                     "--disable-extensions", "--no-first-run"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(self.args.chromedriver), options=options)
        driver.set_page_load_timeout(60)
        driver.set_script_timeout(60)
        # axe goes into every document the browser opens, before the page's own content.
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": self.axe})
        return driver

    def width(self, driver, width, height):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def find(self, kind, page, role, width, rule, element, detail=""):
        self.findings.append({"kind": kind, "page": page, "role": role, "width": width, "rule": rule,
                              "element": element, "detail": detail})
        print(f"{kind} page={page} role={role} width={width} rule={rule} element={element} {detail}".rstrip(), flush=True)

    def sign_in(self, driver, role, email):
        try:
            sign_in(driver, self.args.base, email, self.args.password)
        except SignInRefused as refused:
            sys.exit(f"{role}: {refused}")

    def check(self, driver, page, role, expected_status=200, screenshot_name=None, widths=WIDTHS):
        """axe at each width (and reflow at the narrowest) on the page the browser shows now."""
        self.visits += 1
        status = driver.execute_script(STATUS)
        if expected_status is not None and status != expected_status:
            self.find("STATUS", page, role, "-", "http-status", driver.current_url, f"got {status}, expected {expected_status}")
        for width, height in widths:
            started = time.monotonic()
            self.width(driver, width, height)
            violations = driver.execute_async_script(RUN_AXE, EVERY_RULE if self.args.complete else RULES_AT[width])
            self.axe_runs += 1
            self.timings["axe"] += time.monotonic() - started
            for violation in violations:
                for node in violation["nodes"] or ["(page)"]:
                    self.find("VIOLATION", page, role, width, violation["rule"], node, f"[{violation['impact']}] {violation['help']}")
            if width == 320:
                for problem in driver.execute_script(REFLOW):
                    self.find("REFLOW", page, role, width, problem["kind"], "; ".join(problem["elements"]) or "(page)",
                              f"scrollWidth {problem.get('scrollWidth', '')}".strip())
            if screenshot_name and role in SCREENSHOT_ROLES and self.args.screenshots:
                started = time.monotonic()
                folder = os.path.join(self.args.screenshots, role)
                os.makedirs(folder, exist_ok=True)
                driver.save_screenshot(os.path.join(folder, f"{screenshot_name}-{width}.png"))
                self.timings["screenshots"] += time.monotonic() - started

    def open(self, driver, address):
        started = time.monotonic()
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.get(self.args.base + address)
        self.timings["load"] += time.monotonic() - started

    @staticmethod
    def name(address):
        return re.sub(r"[^A-Za-z0-9]+", "-", address).strip("-") or "plans"

    @staticmethod
    def matches(pattern, href):
        path = href.split("?")[0].split("#")[0]
        return re.fullmatch(re.sub(r"\\\{[a-z]+\\\}", "[^/]+", re.escape(pattern)), path) is not None

    def role_pages(self, role, pages):
        return [page for page in pages if role in page["roles"]]

    def walk_role(self, role, email, pages, everywhere):
        """Every page the role may open: at every width where `everywhere` says this role is the
        one to look at it closely, else at the widest and the narrowest."""
        driver = self.browser()
        try:
            if email:
                self.sign_in(driver, role, email)
            reached = {}
            for page in self.role_pages(role, pages):
                address = page.get("address")
                if address is None and page.get("upload"):
                    address = self.upload(driver, role, page)
                elif address is None and page.get("linkedFrom"):
                    address = self.follow(driver, role, page, reached)
                else:
                    self.open(driver, address)
                if address is None:
                    continue
                reached[page["pattern"]] = address
                close = self.args.complete or role in SCREENSHOT_ROLES or everywhere.get(page["pattern"]) == role
                self.check(driver, address, role, expected_status=page.get("status", 200), screenshot_name=self.name(address),
                           widths=WIDTHS if close else [WIDTHS[0], WIDTHS[2]])
            if not self.args.only_pages:
                self.states(driver, role, pages)
        finally:
            driver.quit()

    def upload(self, driver, role, page):
        fixture = self.args.uploads.get(page["upload"])
        if not fixture:
            self.find("SETUP", page["pattern"], role, "-", "no-fixture", page["upload"], "no file to upload for this form (--upload)")
            return None
        self.open(driver, page["upload"])
        field = driver.find_element(By.CSS_SELECTOR, "main form input[type=file]")
        field.send_keys(os.path.abspath(fixture))
        field.find_element(By.XPATH, "ancestor::form").submit()
        if not self.matches(page["pattern"], driver.current_url.split(self.args.base, 1)[-1]):
            self.find("SETUP", page["pattern"], role, "-", "upload-refused", driver.current_url, driver.title)
            return None
        return driver.current_url.split(self.args.base, 1)[-1]

    def follow(self, driver, role, page, reached):
        source = reached.get(page["linkedFrom"])
        if source is None:
            return None
        self.open(driver, source)
        for link in driver.find_elements(By.CSS_SELECTOR, "main a[href]"):
            href = link.get_attribute("href").split(self.args.base, 1)[-1]
            if self.matches(page["pattern"], href):
                self.open(driver, href)
                return href
        self.find("SETUP", page["pattern"], role, "-", "no-link", source, "no link to this page")
        return None

    def states(self, driver, role, pages):
        """Error, not found and refused pages: each once per role that can reach it."""
        if role == "signed-out":
            self.open(driver, "/login")
            driver.find_element(By.ID, "email").send_keys("nobody@example.org")
            driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
            self.check(driver, "/login (wrong details)", role, expected_status=None)
            return
        self.open(driver, "/plans/999999")
        self.check(driver, "/plans/999999 (not found)", role, expected_status=404)
        refused = next((p for p in pages if p.get("address") and p["roles"] and role not in p["roles"]
                        and "signed-out" not in p["roles"]), None)
        if refused:
            self.open(driver, refused["address"])
            self.check(driver, refused["address"] + " (refused)", role, expected_status=403)
        # Forms posted empty: the error summary and the fields' messages.
        for page in self.role_pages(role, pages):
            if page.get("address") and any(self.matches(pattern, page["address"]) for pattern in self.args.empty_forms):
                self.open(driver, page["address"])
                form = driver.find_element(By.CSS_SELECTOR, "main form[method=post]")
                for field in form.find_elements(By.CSS_SELECTOR, "input[type=text], input:not([type]), textarea"):
                    field.clear()
                form.submit()
                self.check(driver, page["address"] + " (posted empty)", role, expected_status=None)
                if not driver.find_elements(By.CSS_SELECTOR, ".error-summary"):
                    self.find("SETUP", page["address"], role, "-", "no-error-summary", "(page)", "posting the form empty showed no error summary")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--pages", required=True, help="the JSON `oversight pages` prints")
    parser.add_argument("--account", action="append", default=[], help="role=email, once per role to sign in as")
    parser.add_argument("--password", required=True)
    parser.add_argument("--upload", action="append", default=[], help="form=file: what to upload on that form (/analysis=…)")
    parser.add_argument("--empty-form", action="append", default=[], dest="empty_forms",
                        help="a page pattern whose form is posted empty to show its errors")
    parser.add_argument("--screenshots", help="folder for PNGs of the editor's and board member's pages")
    parser.add_argument("--report", help="write the findings here as JSON")
    parser.add_argument("--axe", help="axe.min.js (default: the axe-playwright-python wheel's)")
    parser.add_argument("--only-pages", action="store_true", help="no error, not found or refused states (for the checker's own test)")
    parser.add_argument("--complete", action="store_true",
                        help="every rule at every width for every role (about three times as long; not what CI runs)")
    parser.add_argument("--jobs", type=int, default=2, help="browsers at once (default 2)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    args.uploads = dict(item.split("=", 1) for item in args.upload)
    with open(args.pages, encoding="utf-8") as handle:
        pages = json.load(handle)
    source, version = axe_source(args.axe)
    walk = Walk(args, source)
    started = time.monotonic()
    accounts = [("signed-out", None)] + [tuple(item.split("=", 1)) for item in args.account]
    # Each page at every width for the first role (in the order given) that may open it.
    everywhere = {}
    for role, _ in accounts:
        for page in pages:
            if role in page["roles"]:
                everywhere.setdefault(page["pattern"], role)

    def run(account):
        role, email = account
        role_started = time.monotonic()
        try:
            walk.walk_role(role, email, pages, everywhere)
        except WebDriverException as error:
            walk.find("SETUP", "-", role, "-", "webdriver", type(error).__name__, str(error).splitlines()[0])
        print(f"role {role}: {time.monotonic() - role_started:.0f} s", flush=True)

    # One browser per role; --jobs of them at once (the findings list is only appended to).
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        list(pool.map(run, accounts))
    seconds = time.monotonic() - started
    by_rule = Counter((f["kind"], f["rule"], f["width"]) for f in walk.findings)
    print(f"axe-core {version}; {walk.visits} page states, {walk.axe_runs} axe runs, {len(walk.findings)} findings in {seconds:.0f} s "
          f"(loading {walk.timings['load']:.0f} s, axe {walk.timings['axe']:.0f} s, screenshots {walk.timings['screenshots']:.0f} s)")
    for (kind, rule, width), count in sorted(by_rule.items(), key=lambda item: str(item[0])):
        print(f"  {kind} {rule} at {width}: {count}")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            json.dump({"axe": version, "seconds": round(seconds), "visits": walk.visits, "findings": walk.findings}, handle, indent=1)
    sys.exit(1 if walk.findings else 0)


if __name__ == "__main__":
    main()
