#!/usr/bin/env python3
"""A bounded load test: simulated people using Oversight's pages at once, as in a working week.

Each simulated person signs in once (one after another, before the clock starts: sign-in is
deliberately slow and rate-limited), then until the time is up opens pages and, for some,
sends forms, pausing between steps as a person reads:

- board members (most): the plan, a measure, a board, a meeting and its pack;
- action leads: their home page, one of their actions, and a progress update through the
  action page's form (its CSRF token and version read off the page, as a browser would);
- editors: an action's edit form, sent back with its title changed and changed back.

People are spread over the servers given (round robin, as a load balancer without sticky
sessions would). Every answer is checked: a status of 500 or more, a refused connection or a
timeout is an error; a 409 ("someone else changed this") is counted apart, since two people
editing one action at once is what that answer is for. Prints, per kind of page, the number of
requests, errors, conflicts, and the 50th, 95th and 99th percentile and worst latency.

Standard library only. Usage:
  load.py --servers http://127.0.0.1:18081,http://127.0.0.1:18082 --users 100 --seconds 300
"""
import argparse
import html.parser
import http.client
import random
import re
import sys
import threading
import time
import urllib.parse

PASSWORD = "northmoor-demo-2026"


class Form(html.parser.HTMLParser):
    """The named fields of one form on a page (the first whose action matches), as sent."""

    def __init__(self, action_pattern):
        super().__init__()
        self.pattern = re.compile(action_pattern)
        self.inside = False
        self.done = False
        self.action = None
        # Pairs, in page order: checkboxes share a name.
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and not self.inside and self.pattern.search(a.get("action") or ""):
            self.inside, self.action = True, a["action"]
        elif not self.inside:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields.append([a["name"], a.get("value", "on")])
            else:
                self.fields.append([a["name"], a.get("value") or ""])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None]
            self.fields.append(self.select)
        elif tag == "option" and self.select:
            # The first option unless one is selected, as a browser sends.
            if self.select[1] is None or "selected" in a:
                self.select[1] = a.get("value", "")

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.textarea[1] += data

    def get(self, name):
        return next((value for key, value in self.fields if key == name), None)

    def filled(self, **changes):
        """The pairs to send, with each named field's value replaced."""
        return [(key, changes.get(key.replace("-", "_"), value) or "") for key, value in self.fields]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def read_form(page, action_pattern):
    parser = Form(action_pattern)
    parser.feed(page)
    return parser if parser.action else None


class Client:
    """One person's browser: a keep-alive connection to one server and its cookies."""

    def __init__(self, base, timeout=30):
        url = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = url.hostname, url.port, timeout
        self.connection = None
        self.cookies = {}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body is not None:
            body = urllib.parse.urlencode(body)  # a list of pairs keeps repeated names
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                for value in response.headers.get_all("Set-Cookie") or []:
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
                return response.status, response.getheader("Location"), text
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: open a new one once.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise

    def sign_in(self, email):
        status, _, page = self.request("GET", "/login")
        form = read_form(page, r"^/login")
        fields = form.filled(email=email, password=PASSWORD) if form else [("email", email), ("password", PASSWORD)]
        status, location, _ = self.request("POST", "/login", fields)
        if status != 303 or (location or "").startswith("/login"):
            raise SystemExit(f"could not sign in as {email}: {status} {location}")


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.errors = {}
        self.conflicts = {}
        self.samples = []

    def record(self, kind, seconds, status):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if status is None or status >= 500:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind}: {status}")
            elif status == 409:
                self.conflicts[kind] = self.conflicts.get(kind, 0) + 1


def timed(tally, client, kind, method, path, body=None, expect=(200,)):
    """One request, timed and judged: a form sent must be accepted (303), a page must answer 200."""
    start = time.perf_counter()
    try:
        status, location, page = client.request(method, path, body)
    except Exception as error:  # a refused connection or a timeout is an error, not a crash
        tally.record(kind, time.perf_counter() - start, None)
        with tally.lock:
            if len(tally.samples) < 10:
                tally.samples.append(f"{kind}: {type(error).__name__} {error}")
        return None, None, ""
    elapsed = time.perf_counter() - start
    if status not in expect and status != 409 and status < 500:
        # A 4xx other than a conflict means the script or the server is wrong: count it.
        tally.record(kind, elapsed, 599)
        with tally.lock:
            if len(tally.samples) < 10:
                tally.samples.append(f"{kind}: {method} {path} answered {status}")
        return status, location, page
    tally.record(kind, elapsed, status)
    return status, location, page


def links(page, pattern):
    return sorted(set(re.findall(pattern, page)))


def discover(client):
    """The demo's ids, read off the pages as a person would find them."""
    _, _, plans = client.request("GET", "/")  # the plans list
    plan_links = links(plans, r'href="(/plans/\d+)"')
    _, _, plan = client.request("GET", plan_links[0])
    _, _, measures = client.request("GET", "/measures")
    _, _, boards = client.request("GET", "/boards")
    board_links = links(boards, r'href="(/boards/\d+)"')
    meetings = []
    for board in board_links:
        _, _, page = client.request("GET", board)
        meetings += links(page, r'href="(/meetings/\d+)"')
    return {
        "plans": plan_links,
        "actions": links(plan, r'href="(/actions/\d+)"'),
        "measures": links(measures, r'href="(/measures/\d+)"'),
        "boards": board_links,
        "meetings": meetings,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--servers", required=True, help="comma-separated base URLs")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between a person's steps, seconds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not (1 <= args.users <= 1000 and 1 <= args.seconds <= 3600):
        raise SystemExit("--users 1..1000 and --seconds 1..3600")
    servers = args.servers.split(",")
    random.seed(args.seed)

    setup = Client(servers[0])
    setup.sign_in("editor@northmoor.example")
    ids = discover(setup)
    lead = Client(servers[0])
    lead.sign_in("lead@northmoor.example")
    # The lead's own actions are those whose page offers the progress form.
    lead_actions = []
    for action in ids["actions"]:
        _, _, page = lead.request("GET", action)
        if read_form(page, r"/updates$"):
            lead_actions.append(action)
    if not (ids["plans"] and ids["measures"] and ids["meetings"] and lead_actions):
        raise SystemExit(f"the demo's pages did not list what the load needs: {ids}")
    print(f"demo: {len(ids['plans'])} plans, {len(ids['actions'])} actions ({len(lead_actions)} the lead's), "
          f"{len(ids['measures'])} measures, {len(ids['boards'])} boards, {len(ids['meetings'])} meetings", flush=True)

    # 70 % board members, 25 % leads, 5 % editors (at least one of each).
    editors = max(1, args.users // 20)
    leads = max(1, args.users // 4)
    members = max(1, args.users - editors - leads)
    people = [("board", "board@northmoor.example")] * members + [("lead", "lead@northmoor.example")] * leads \
        + [("editor", "editor@northmoor.example")] * editors
    clients = []
    started = time.perf_counter()
    for index, (role, email) in enumerate(people):
        client = Client(servers[index % len(servers)])
        client.sign_in(email)
        clients.append((role, client))
    print(f"signed in {len(clients)} people in {time.perf_counter() - started:.1f} s "
          f"({members} board members, {leads} leads, {editors} editors) across {len(servers)} servers", flush=True)

    tally = Tally()
    deadline = time.perf_counter() + args.seconds
    pause = lambda rng: rng.uniform(0.5 * args.think, 1.5 * args.think)

    def board_member(client, rng):
        steps = [
            ("plan page", lambda: rng.choice(ids["plans"])),
            ("measure page", lambda: rng.choice(ids["measures"])),
            ("board page", lambda: rng.choice(ids["boards"])),
            ("meeting page", lambda: rng.choice(ids["meetings"])),
            ("board pack", lambda: rng.choice(ids["meetings"]) + "/pack"),
        ]
        while time.perf_counter() < deadline:
            kind, path = rng.choice(steps)
            timed(tally, client, kind, "GET", path())
            time.sleep(pause(rng))

    def action_lead(client, rng):
        while time.perf_counter() < deadline:
            timed(tally, client, "home page", "GET", "/home")
            time.sleep(pause(rng))
            action = rng.choice(lead_actions)
            status, _, page = timed(tally, client, "action page", "GET", action)
            form = read_form(page, r"/updates$") if status == 200 else None
            time.sleep(pause(rng))
            if form and time.perf_counter() < deadline:
                fields = form.filled(text=f"Load test update {rng.randrange(10**6)}: audits sampled, findings to the next board.",
                                     percent="", status="")
                timed(tally, client, "progress update (POST)", "POST", form.action, fields, expect=(303,))
                time.sleep(pause(rng))

    def editor(client, rng):
        while time.perf_counter() < deadline:
            action = rng.choice(ids["actions"])
            status, _, page = timed(tally, client, "action edit form", "GET", action + "/edit")
            form = read_form(page, r"/edit$") if status == 200 else None
            time.sleep(pause(rng))
            title = form.get("title") if form else None
            if title and time.perf_counter() < deadline:
                fields = form.filled(title=title[:-1] if title.endswith(".") else title + ".")
                timed(tally, client, "action edit (POST)", "POST", form.action, fields, expect=(303,))
                time.sleep(pause(rng))

    work = {"board": board_member, "lead": action_lead, "editor": editor}
    threads = [threading.Thread(target=work[role], args=(client, random.Random(args.seed * 1000 + i)), daemon=True)
               for i, (role, client) in enumerate(clients)]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, deadline - time.perf_counter() + 60))
    elapsed = time.perf_counter() - begun

    total = sum(len(v) for v in tally.latencies.values())
    errors = sum(tally.errors.values())
    print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f} a second), {errors} errors, "
          f"{sum(tally.conflicts.values())} conflicts (409)\n")
    print("| page | requests | errors | 409 | p50 (ms) | p95 (ms) | p99 (ms) | worst (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in sorted(tally.latencies):
        values = sorted(tally.latencies[kind])
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000
        print(f"| {kind} | {len(values)} | {tally.errors.get(kind, 0)} | {tally.conflicts.get(kind, 0)} | "
              f"{pick(0.50):.0f} | {pick(0.95):.0f} | {pick(0.99):.0f} | {values[-1] * 1000:.0f} |")
    for sample in tally.samples:
        print("error:", sample, file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
