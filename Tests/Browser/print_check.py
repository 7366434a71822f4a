#!/usr/bin/env python3
"""Prints pages of a running Oversight to A4 PDF with headless Chromium, as a person would from the
browser, and fails on a near-blank page: one whose content covers less than a tenth of the printed
area, except the last page of a document.

Run by Tests/OversightTests/BrowserTests.swift against `oversight serve --demo`; by hand:

    python3 Tests/Browser/print_check.py --base http://127.0.0.1:8080 \
        --account board@northmoor.example --password northmoor-demo-2026 \
        --meetings --plans --running-head "Northmoor Borough Council" --out prints/

Chromium prints with its own headers and footers off (what the stylesheet's @page margin boxes
replace) and the page size the stylesheet asks for. Each PDF is read with poppler-utils:
`pdfinfo` for the page size, `pdftoppm` to draw every page in grey at a low resolution, and
`pdftotext` to quote a flagged page's text. A page's content is the height from its first to its
last inked row inside the printed area (the running header and the page number in the margins are
not content), as a fraction of that area's height.

Prints `NEAR-BLANK page=… sheet=N of M content=…% text=…` per finding, one summary line per
document, and exits 1 when there is any finding, 2 when a document could not be printed.
"""

import argparse
import base64
import os
import re
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from signing_in import SignInRefused, sign_in

# A tenth of a page: the issue's threshold for "near-blank".
THRESHOLD = 0.10
# Printed area of A4 inside the stylesheet's @page margins (top 18 mm, bottom 20 mm of 297 mm);
# the margins hold the running header and the page number, which are not content.
TOP_MARGIN, BOTTOM_MARGIN, PAGE_HEIGHT = 18.0, 20.0, 297.0
DPI = 40


def browser(chromium, chromedriver):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,900", "--disable-extensions", "--no-first-run"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(60)
    return driver


def print_to_pdf(driver, base, address, path):
    """What `chromium --print-to-pdf --no-pdf-header-footer` writes, through the same DevTools call,
    but signed in: the page's own @page size and margins, backgrounds as the stylesheet allows."""
    driver.get(base + address)
    status = driver.execute_script("const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;")
    # A file opened from disk (the checker's own test) has no HTTP status.
    if status != 200 and not base.startswith("file://"):
        return f"answered {status}"
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "displayHeaderFooter": False,
                                                      "printBackground": False})
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(pdf["data"]))
    return None


def own_running_head(driver):
    """The running header the page asks for (`data-running-head`: the organisation and the paper,
    e.g. the board and the meeting's date), or None where it asks for none."""
    return driver.execute_script("return document.documentElement.getAttribute('data-running-head');")


def pgm_rows(path):
    """The rows of a binary greyscale PGM (P5, 8-bit) as bytes objects."""
    with open(path, "rb") as handle:
        data = handle.read()
    # Header: magic, width, height, maxval, separated by whitespace (comments are not written by pdftoppm).
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not fields:
        raise ValueError(f"{path} is not an 8-bit PGM")
    width, height = int(fields.group(1)), int(fields.group(2))
    pixels = data[fields.end():]
    return [pixels[row * width:(row + 1) * width] for row in range(height)]


def content_fractions(pdf, folder):
    """Per page, the fraction of the printed area between its first and last inked row."""
    stem = os.path.join(folder, os.path.splitext(os.path.basename(pdf))[0])
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), pdf, stem], check=True)
    pages = sorted((name for name in os.listdir(folder) if name.startswith(os.path.basename(stem) + "-") and name.endswith(".pgm")),
                   key=lambda name: int(name.rsplit("-", 1)[1].split(".")[0]))
    fractions = []
    for name in pages:
        rows = pgm_rows(os.path.join(folder, name))
        top = round(len(rows) * TOP_MARGIN / PAGE_HEIGHT)
        bottom = len(rows) - round(len(rows) * BOTTOM_MARGIN / PAGE_HEIGHT)
        inked = [index for index in range(top, bottom) if min(rows[index]) < 160]
        fractions.append((inked[-1] - inked[0] + 1) / (bottom - top) if inked else 0.0)
        os.remove(os.path.join(folder, name))
    return fractions


def page_text(pdf, number, limit=160):
    result = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), pdf, "-"],
                            capture_output=True, text=True)
    return " ".join(result.stdout.split())[:limit]


def page_lines(pdf, number):
    result = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), pdf, "-"],
                            capture_output=True, text=True)
    return [" ".join(line.split()) for line in result.stdout.splitlines() if line.strip()]


def stranded_heading(pdf, number, sheets, headings):
    """The heading that ends this page with nothing of what it heads after it (a heading must stay
    with what follows), or None. The last line of content, the page number's line left out, is
    compared with the page's headings: the last line, or the last two or three (a long heading
    wraps), read together are one of them."""
    lines = [line for line in page_lines(pdf, number) if f"Page {number} of {sheets}" not in line]
    for count in (1, 2, 3):
        if len(lines) >= count and " ".join(lines[-count:]) in headings:
            return " ".join(lines[-count:])
    return None


def own_headings(driver):
    return [" ".join(text.split()) for text in driver.execute_script(
        "return Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4')).map(h => h.innerText);") if text.strip()]


def links(driver, base, address, pattern):
    """The addresses of the links on a page whose path matches the pattern, in page order."""
    driver.get(base + address)
    found = []
    for link in driver.find_elements(By.CSS_SELECTOR, "main a[href]"):
        path = link.get_attribute("href").split(base, 1)[-1].split("?")[0].split("#")[0]
        if re.fullmatch(pattern, path) and path not in found:
            found.append(path)
    return found


def page_size_mm(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    return (round(float(match.group(1)) * 25.4 / 72), round(float(match.group(2)) * 25.4 / 72)) if match else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--account", required=True, help="the email to sign in as (empty: open the pages signed out)")
    parser.add_argument("--password", required=True)
    parser.add_argument("--page", action="append", default=[], help="an address to print (repeat)")
    parser.add_argument("--meetings", action="store_true",
                        help="also print the pack and the minutes of every meeting linked from the boards' pages")
    parser.add_argument("--plans", action="store_true", help="also print every plan linked from the plans page")
    parser.add_argument("--running-head", help="text every printed page must carry (the organisation's name)")
    parser.add_argument("--require-own-head", action="store_true",
                        help="each document must name its own running header (data-running-head: the meeting or plan), "
                             "and every printed page must carry it")
    parser.add_argument("--out", required=True, help="folder for the PDFs")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    findings, failures, sheets = 0, 0, 0
    driver = browser(args.chromium, args.chromedriver)
    try:
        if args.account:
            try:
                sign_in(driver, args.base, args.account, args.password)
            except SignInRefused as refused:
                sys.exit(str(refused))
        addresses = list(args.page)
        if args.plans:
            addresses += [plan for plan in links(driver, args.base, "/", r"/plans/\d+") if plan not in addresses]
        if args.meetings:
            for board in links(driver, args.base, "/boards", r"/boards/\d+"):
                for meeting in links(driver, args.base, board, r"/meetings/\d+"):
                    addresses += [paper for paper in (meeting + "/pack", meeting + "/minutes") if paper not in addresses]
        for address in addresses:
            pdf = os.path.join(args.out, re.sub(r"[^A-Za-z0-9]+", "-", address).strip("-") + ".pdf")
            problem = print_to_pdf(driver, args.base, address, pdf)
            if problem:
                print(f"NOT-PRINTED page={address} {problem}", flush=True)
                failures += 1
                continue
            heads = [" ".join(head.split()) for head in (args.running_head, own_running_head(driver)) if head]
            if args.require_own_head and len(heads) < 2:
                print(f"NO-RUNNING-HEADER page={address} the page names no running header (data-running-head)", flush=True)
                findings += 1
            headings = own_headings(driver)
            size = page_size_mm(pdf)
            if size != (210, 297):
                print(f"NOT-A4 page={address} size={size} mm", flush=True)
                findings += 1
            fractions = content_fractions(pdf, args.out)
            sheets += len(fractions)
            for number, fraction in enumerate(fractions, start=1):
                if fraction < THRESHOLD and number < len(fractions):
                    findings += 1
                    print(f"NEAR-BLANK page={address} sheet={number} of {len(fractions)} content={fraction:.0%} "
                          f"text={page_text(pdf, number)!r}", flush=True)
                words = page_text(pdf, number, limit=None)
                if f"Page {number} of {len(fractions)}" not in words:
                    findings += 1
                    print(f"NO-PAGE-NUMBER page={address} sheet={number} of {len(fractions)}", flush=True)
                heading = stranded_heading(pdf, number, len(fractions), headings) if number < len(fractions) else None
                if heading:
                    findings += 1
                    print(f"HEADING-AT-FOOT page={address} sheet={number} of {len(fractions)} heading={heading!r}", flush=True)
                for head in heads:
                    if head not in " ".join(words.split()):
                        findings += 1
                        print(f"NO-RUNNING-HEADER page={address} sheet={number} of {len(fractions)} missing={head!r}", flush=True)
            emptiest = min(fractions[:-1] or fractions or [1.0])
            print(f"printed {address}: {len(fractions)} A4 pages, emptiest (but the last) {emptiest:.0%} full", flush=True)
    finally:
        driver.quit()
    print(f"{len(addresses)} documents, {sheets} pages, {findings} findings", flush=True)
    sys.exit(2 if failures else 1 if findings else 0)


if __name__ == "__main__":
    main()
