#!/usr/bin/python3
"""The Security Official's dashboard in a real browser, end to end.

Sets up a practice with the real binaries the way run.sh does (office server,
the demo roster, a Security Official designation, a paired kiosk that runs its
guided tour headless and syncs), then drives headless Chromium through every
dashboard page: signing in, each page's figures against `attest report` for
the same store, CSRF and session rules (statuses read with urllib, which sees
what the browser hides), exports and the evidence bundle, keyboard and labels,
an idle session on a restarted server, the sign-in lockout. Each page is saved
as <page>-desktop.png (1280 wide) and <page>-phone.png (390 wide).

Runs with Debian's /usr/bin/python3, python3-selenium, chromium and
chromium-driver; ctest runs it as `dashboard_browser`. Stops at the first
failed check; ends with "N passed, 0 failed".
"""
import argparse
import csv
import datetime
import http.cookiejar
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

PASSPHRASE = "demo practice passphrase"
NAV = [("Overview", "/"), ("Matrix", "/matrix"), ("People", "/people"), ("Policies", "/policies"),
       ("Incidents", "/incidents"), ("Devices", "/devices"), ("Exports", "/exports")]
EXPORT_KINDS = ["matrix", "overdue", "coverage", "curriculum", "incidents", "sign-ins",
                "designations", "reminders", "retention"]
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DESKTOP, PHONE, MAX_SHOT_HEIGHT = (1280, 900), (390, 844), 4000
PERSON = "p-0002"            # Maria Lopez: the tour's module, signature and sign-ins
POLICY = ("password", "1")   # the policy she signs in the tour

# Rows of cells (textContent) of a table, or of the first table inside an element.
TABLE_JS = """
const el = document.querySelector(arguments[0]);
if (!el) return null;
const t = el.tagName === 'TABLE' ? el : el.querySelector('table');
if (!t) return null;
return Array.from(t.rows).map(r => Array.from(r.cells).map(c => c.textContent));
"""

# What every page must have: one h1 inside main#main, the nav, the sign-out
# form, a csrf field in each POST form, a label for each form control.
PAGE_JS = """
const main = document.querySelector('main#main');
const nav = document.querySelector('nav[aria-label="Dashboard"]');
const so = document.querySelector('form#sign-out');
const posts = Array.from(document.forms).filter(
    f => (f.getAttribute('method') || '').toLowerCase() === 'post');
const controls = Array.from(document.querySelectorAll('input, select, textarea')).filter(e =>
    !['hidden', 'submit', 'button', 'reset', 'image'].includes((e.getAttribute('type') || '').toLowerCase()));
const labelled = e => (e.getAttribute('aria-label') || '').trim() !== '' ||
    (e.getAttribute('aria-labelledby') || '') !== '' ||
    (e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]')) || e.closest('label');
return {
  h1: document.querySelectorAll('h1').length,
  h1_in_main: main ? main.querySelectorAll('h1').length : -1,
  h1_text: Array.from(document.querySelectorAll('h1')).map(h => h.textContent.trim()),
  nav: nav ? Array.from(nav.querySelectorAll('a')).map(a => [a.textContent.trim(), a.getAttribute('href')]) : null,
  sign_out: so ? [(so.getAttribute('method') || '').toLowerCase(), so.getAttribute('action'),
                  Array.from(so.querySelectorAll('button, input[type=submit]')).map(
                      b => (b.tagName === 'INPUT' ? b.value : b.textContent).trim())] : null,
  no_csrf: posts.filter(f => !Array.from(f.querySelectorAll('input[type=hidden][name=csrf]')).some(
      i => i.value !== '')).map(f => f.id || f.getAttribute('action')),
  unlabelled: controls.filter(e => !labelled(e)).map(e => e.outerHTML.slice(0, 120)),
  first_focusable: (f => f ? [f.tagName, f.textContent.trim(), f.getAttribute('href')] : null)(
      document.querySelector('a[href], button, input:not([type=hidden]), select, textarea, [tabindex="0"]')),
};
"""


# Why a page is wider than a phone's screen: no viewport meta, text that does not
# wrap, or a positioned element escaping its scrolling table.
OVERFLOW_JS = """
const w = arguments[0], out = [];
if (!document.querySelector('meta[name=viewport]')) return 'no <meta name=viewport>';
if (Math.max(window.innerWidth, document.documentElement.scrollWidth) <= w + 1) return '';
const desc = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
for (const e of document.querySelectorAll('body *')) {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  if ((s.position === 'absolute' || s.position === 'fixed') && r.right > w + 1) {
    out.push(`${desc(e)} (position: ${s.position}) in ${desc(e.parentElement)} reaches ${Math.round(r.right)} px`);
  } else if (s.overflowX === 'visible' && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 &&
             !Array.from(e.children).some(c => c.scrollWidth > c.clientWidth + 1)) {
    out.push(`${desc(e.parentElement)} > ${desc(e)} holds ${e.scrollWidth} px in ${e.clientWidth}: ` +
             JSON.stringify(e.textContent.trim().slice(0, 40)));
  }
}
return `${Math.max(window.innerWidth, document.documentElement.scrollWidth)} px wide; ` + out.slice(0, 3).join('; ');
"""


class CheckFailed(Exception):
    pass


def collapse(text):
    return " ".join(text.split())


def csv_rows(data):
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return [[collapse(c) for c in row] for row in csv.reader(io.StringIO(text, newline="")) if row]


def path_of(url):
    u = urllib.parse.urlsplit(url)
    return u.path + ("?" + u.query if u.query else "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx comes back as it is, status and Location


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def location(self):
        return path_of(self.headers.get("Location", ""))


class Http:
    """urllib with a cookie jar and no redirects, so statuses are the server's own."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect())

    def set_cookie(self, name, value):
        self.jar.set_cookie(http.cookiejar.Cookie(
            0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, True,
            None, None, {}, False))

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def request(self, method, path, form=None, timeout=60):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())


def form_fields(html, form_id):
    """name -> value of the inputs of <form id=form_id> in an HTML text."""
    m = re.search(r'<form\b[^>]*\bid="%s"[^>]*>(.*?)</form>' % re.escape(form_id), html, re.S)
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", m.group(1) if m else ""):
        name = re.search(r'\bname="([^"]*)"', tag)
        value = re.search(r'\bvalue="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


class DashboardTest:
    def __init__(self, args):
        self.a = args
        self.src = Path(args.source_dir)
        self.shots = Path(args.screenshots)
        self.tmp = Path(tempfile.mkdtemp(prefix="attest-dashboard-"))
        self.server_dir = self.tmp / "server"
        self.kiosk_dir = self.tmp / "kiosk"
        self.pass_file = self.tmp / "passphrase.txt"
        self.server = None
        self.server_starts = 0
        self.driver = None
        self.passed = 0
        self.notes = []
        self.signins_ok = 0      # dashboard sign-ins that succeeded
        self.signins_failed = 0  # wrong passphrases answered 401
        self.pool = ThreadPoolExecutor(max_workers=3)
        self.reports = {}
        self.shot_count, self.shot_seconds = 0, 0.0

    # ---- bookkeeping -------------------------------------------------------
    def check(self, cond, what, detail=""):
        if not cond:
            raise CheckFailed(what + ("\n    " + str(detail) if detail != "" else ""))
        self.passed += 1
        print(f"ok {self.passed:3d}  {what}", flush=True)

    def note(self, text):
        self.notes.append(text)
        print(f"note: {text}", flush=True)

    def run(self, *cmd, env=None, timeout=120):
        cmd = [str(c) for c in cmd]
        try:
            p = subprocess.run(cmd, capture_output=True, env=env, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise CheckFailed(f"{' '.join(cmd)} took over {timeout} s")
        if p.returncode != 0:
            raise CheckFailed(f"{' '.join(cmd)} exited {p.returncode}:\n"
                              f"{p.stdout.decode(errors='replace')}{p.stderr.decode(errors='replace')}")
        return p

    # ---- the practice, set up with the real binaries (as run.sh does) ----
    def set_up_practice(self):
        self.pass_file.write_text(PASSPHRASE + "\n")
        self.pass_file.chmod(0o600)
        srv, cli = self.a.server_bin, self.a.cli_bin
        self.run(srv, "init", self.server_dir, "--practice-name", "Riverside Family Dental",
                 "--passphrase-file", self.pass_file)
        self.run(cli, "roster", "import", "--server", self.server_dir, "--demo-pins",
                 self.src / "docs/demo-staff.csv")
        self.run(cli, "designate", "security", "--server", self.server_dir, "--person", "p-0001",
                 "--effective", "2026-01-05", "--duties",
                 "Develops and carries out the practice's security policies, runs workforce "
                 "training, reviews incidents.", "--by", "Dr. Alan Reyes, practice owner")
        self.start_server()
        out = self.run(srv, "pair", self.server_dir).stdout.decode()
        code = re.search(r"^Pairing code:\s*(\S+)", out, re.M)
        self.check(code is not None, "attest-server pair prints a pairing code", out)
        self.kiosk_dir.mkdir()
        with open(self.src / "docs/demo-staff.csv", newline="") as f:
            logins = [{"name": r["name"], "pin": r["pin"]} for r in csv.DictReader(f)]
        (self.kiosk_dir / "demo-logins.json").write_text(json.dumps(logins, indent=1))
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        self.run(self.a.kiosk_bin, "--data", self.kiosk_dir, "--demo", "--pair", self.base,
                 "--pair-code", code.group(1), "--device-name", "Front desk kiosk",
                 "--script", self.src / "docs/tour.script", "--screenshot", self.tmp / "kiosk-shots",
                 env=env, timeout=180)
        out = self.run(cli, "verify", self.kiosk_dir / "kiosk.db").stdout.decode()
        made = int(re.search(r"(\d+) events", out).group(1))
        on_server = -1
        for _ in range(50):  # the kiosk syncs as it goes; its last records may still be landing
            on_server = self.devices()["Front desk kiosk"]["records"]
            if on_server == made:
                break
            time.sleep(0.1)
        self.check(on_server == made, f"the server holds all {made} records of the kiosk's tour",
                   f"server has {on_server}")

    def start_server(self, idle_seconds=None):
        self.server_starts += 1
        port_file = self.tmp / f"server-{self.server_starts}.port"
        log = open(self.tmp / "server.log", "ab")
        cmd = [self.a.server_bin, "serve", self.server_dir, "--listen", "127.0.0.1:0",
               "--port-file", port_file]
        if idle_seconds is not None:
            cmd += ["--idle-minutes", f"{idle_seconds / 60:.4f}"]
        self.server = subprocess.Popen([str(c) for c in cmd], stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.server.poll() is not None:
                raise CheckFailed(f"attest-server serve exited {self.server.returncode}:\n"
                                  + self.server_log_tail())
            text = port_file.read_text().strip() if port_file.exists() else ""
            if text.isdigit():
                self.base = f"http://127.0.0.1:{int(text)}"
                return
            time.sleep(0.05)
        raise CheckFailed("attest-server serve wrote no port file in 15 s")

    def stop_server(self):
        if self.server is None or self.server.poll() is not None:
            return None if self.server is None else self.server.returncode
        self.server.send_signal(signal.SIGTERM)
        started = time.time()
        try:
            rc = self.server.wait(timeout=15)
            print(f"   attest-server stopped in {time.time() - started:.1f} s", flush=True)
            return rc
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()
            return "killed after 15 s"

    def server_log_tail(self, lines=30):
        p = self.tmp / "server.log"
        return "\n".join(p.read_text(errors="replace").splitlines()[-lines:]) if p.exists() else ""

    def devices(self):
        """`attest-server devices`: name -> {id, records, status}."""
        out = self.run(self.a.server_bin, "devices", self.server_dir).stdout.decode()
        found = {}
        for line in out.splitlines()[1:]:
            cols = re.split(r"\s{2,}", line.strip())
            if len(cols) >= 7:
                found[cols[1]] = {"id": cols[0], "records": int(cols[5]), "status": cols[6], "line": line}
        return found

    def store_counts(self):
        """Rows that a refused POST must not add (read-only, beside the serving server)."""
        con = sqlite3.connect(f"file:{self.server_dir / 'master.db'}?mode=ro", uri=True, timeout=10)
        try:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("pairing_codes", "devices", "events")}
        finally:
            con.close()

    def report_later(self, key, kind, *extra, html=False):
        """`attest report KIND ... --format csv` on a worker thread: its CSV, or with html=True
        both formats into a folder (one unlock for both): key.csv / key.html."""
        cmd = [self.a.cli_bin, "report", kind, "--server", self.server_dir, "--passphrase-file",
               self.pass_file, "--format", "csv,html" if html else "csv", *extra]
        if html:
            cmd += ["--out", self.tmp / key]

        def run():
            out = self.run(*cmd).stdout
            if not html:
                return out
            for ext in ("csv", "html"):
                found = list((self.tmp / key).glob(f"*.{ext}"))
                if len(found) != 1:
                    raise CheckFailed(f"{' '.join(map(str, cmd))} wrote {found} for .{ext}")
                found[0].rename(self.tmp / f"{key}.{ext}")
            return (self.tmp / f"{key}.csv").read_bytes()
        self.reports[key] = self.pool.submit(run)

    def report(self, key):
        return self.reports[key].result()

    # ---- the browser ------------------------------------------------------
    def start_browser(self):
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for arg in CHROMIUM_ARGS:
            opts.add_argument(arg)
        opts.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-', dir=self.tmp)}")
        opts.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
        service = Service("/usr/bin/chromedriver", log_path=str(self.tmp / "chromedriver.log"))
        self.driver = webdriver.Chrome(service=service, options=opts)
        self.driver.set_page_load_timeout(60)
        self.viewport(*DESKTOP, mobile=False)

    def viewport(self, width, height, mobile):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def go(self, path):
        self.driver.get(self.base + path)
        return path_of(self.driver.current_url)

    def here(self):
        return path_of(self.driver.current_url)

    def find(self, css):
        try:
            return self.driver.find_element(By.CSS_SELECTOR, css)
        except NoSuchElementException:
            raise CheckFailed(f"{self.here()}: no element {css}")

    def has(self, css):
        return len(self.driver.find_elements(By.CSS_SELECTOR, css)) > 0

    def text(self, css):
        return collapse(self.driver.execute_script(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css)
            or "")

    def click_and_wait(self, element, timeout=60):
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.driver, timeout).until(EC.staleness_of(old))
        WebDriverWait(self.driver, timeout).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def submit_button(self, form_css):
        return self.find(f"{form_css} button[type=submit], {form_css} input[type=submit], "
                         f"{form_css} button:not([type])")

    def shoot(self, name):
        """<name>-desktop.png and <name>-phone.png, each the page's full height (up to 4000)."""
        started = time.time()
        for label, (w, h), mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
            self.viewport(w, h, mobile)
            full = self.driver.execute_script(
                "return Math.max(document.documentElement.scrollHeight,"
                " document.body ? document.body.scrollHeight : 0)")
            if label == "phone":
                wide = self.driver.execute_script(OVERFLOW_JS, w)
                if wide:
                    self.note(f"{name}: on a phone the page is wider than the screen and shrinks "
                              f"to fit: {wide}")
            self.viewport(w, min(max(full, h), MAX_SHOT_HEIGHT), mobile)
            self.driver.save_screenshot(str(self.shots / f"{name}-{label}.png"))
        self.viewport(*DESKTOP, mobile=False)
        self.shot_seconds += time.time() - started
        self.shot_count += 2

    def page(self, name, signed_in=True, shoot=True):
        """The checks every page gets, then its screenshots."""
        m = self.driver.execute_script(PAGE_JS)
        where = f"{name} ({self.here()})"
        self.check(m["h1"] == 1 and m["h1_in_main"] == 1,
                   f"{where}: exactly one h1, inside main#main",
                   f"{m['h1']} h1 in the page, {m['h1_in_main']} in main#main: {m['h1_text']}")
        self.check(not m["unlabelled"], f"{where}: every form control has a label",
                   "; ".join(m["unlabelled"]))
        self.check(not m["no_csrf"], f"{where}: every POST form has a csrf field", m["no_csrf"])
        first = m["first_focusable"]
        self.check(first is not None and first[2] == "#main" and re.search(r"skip", first[1], re.I),
                   f"{where}: the first focusable element is the skip link to #main", first)
        if signed_in:
            self.check(m["nav"] == [list(x) for x in NAV], f"{where}: the Dashboard nav", m["nav"])
            self.check(m["sign_out"] is not None and m["sign_out"][:2] == ["post", "/sign-out"]
                       and "Sign out" in m["sign_out"][2], f"{where}: the sign-out form",
                       m["sign_out"])
        if shoot:
            self.shoot(name)

    def report_table(self, what, css, csv_data):
        got = self.driver.execute_script(TABLE_JS, css)
        self.check(got is not None, f"{what}: {css} holds a table")
        got = [[collapse(c) for c in row] for row in got]
        want = csv_rows(csv_data)
        detail = f"page has {len(got)} rows, the CLI {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                detail = f"row {i} differs:\n    page {g}\n    CLI  {w}"
                break
        self.check(got == want, f"{what}: the table equals the CLI's CSV ({len(want) - 1} rows)",
                   detail)
        return got

    def sign_in_browser(self, passphrase):
        box = self.find("input#passphrase")
        box.clear()
        box.send_keys(passphrase)
        self.click_and_wait(self.find("button#sign-in"))

    def session_http(self):
        """A urllib client holding the browser's session cookie."""
        client = Http(self.base)
        cookie = self.driver.get_cookie("attest_session")
        self.check(cookie is not None, "the browser holds the attest_session cookie")
        client.set_cookie("attest_session", cookie["value"])
        return client

    # ---- the phases -----------------------------------------------------------
    def test_signed_out(self):
        anon = Http(self.base)
        wrong = {}
        for _, path in NAV + [("", "/people/" + PERSON), ("", "/exports/matrix.csv")]:
            r = anon.request("GET", path)
            if r.status != 303 or r.location() != "/sign-in":
                wrong[path] = (r.status, r.headers.get("Location"))
        self.check(not wrong, "without a session every page answers 303 to /sign-in", wrong)
        r = anon.request("POST", "/devices/pair", {"csrf": "x"})
        self.check(r.status in (303, 403), "without a session POST /devices/pair is refused",
                   r.status)

        self.check(self.go("/matrix") == "/sign-in", "the browser lands on /sign-in without a session",
                   self.here())
        form = self.find("form#sign-in-form")
        self.check((form.get_attribute("method") or "").lower() == "post"
                   and path_of(form.get_attribute("action")) == "/sign-in",
                   "sign-in: form#sign-in-form posts to /sign-in")
        box = self.find("form#sign-in-form input#passphrase")
        self.check(box.get_attribute("type") == "password" and box.get_attribute("name") == "passphrase",
                   "sign-in: input#passphrase is a password field named passphrase")
        self.check(self.has("form#sign-in-form input[type=hidden][name=csrf]"), "sign-in: csrf field")
        button = self.find("button#sign-in")
        self.check(button.get_attribute("type") == "submit" and collapse(button.text) == "Sign in",
                   "sign-in: button#sign-in 'Sign in'", button.text)
        self.page("sign-in", signed_in=False)

        # Statuses, with urllib: the double-submit cookie, a missing token, a wrong passphrase.
        client = Http(self.base)
        r = client.request("GET", "/sign-in")
        self.check(r.status == 200 and client.cookie("attest_signin"),
                   "GET /sign-in: 200 and the attest_signin cookie", r.status)
        token = form_fields(r.text, "sign-in-form").get("csrf", "")
        r = client.request("POST", "/sign-in", {"passphrase": PASSPHRASE})
        self.check(r.status == 403 and not client.cookie("attest_session"),
                   "POST /sign-in without csrf: 403 and no session", r.status)
        r = client.request("POST", "/sign-in", {"passphrase": "not the passphrase", "csrf": token})
        self.check(r.status == 401, "POST /sign-in with a wrong passphrase: 401", r.status)
        self.signins_failed += 1
        self.check(re.search(r'<p\b[^>]*id="error"', r.text) and "That passphrase is not right" in r.text,
                   "the 401 page says 'That passphrase is not right' in #error")
        token = form_fields(r.text, "sign-in-form").get("csrf", token)
        r = client.request("POST", "/sign-in", {"passphrase": PASSPHRASE, "csrf": token})
        self.check(r.status == 303 and r.location() == "/",
                   "POST /sign-in with the passphrase: 303 to /", (r.status, r.headers.get("Location")))
        self.signins_ok += 1
        set_cookie = [c for c in r.headers.get_all("Set-Cookie") or [] if c.startswith("attest_session=")]
        self.check(len(set_cookie) == 1, "the sign-in sets attest_session", r.headers.get_all("Set-Cookie"))
        attrs = {a.strip().split("=")[0].lower(): (a.strip().split("=", 1) + [""])[1]
                 for a in set_cookie[0].split(";")[1:]}
        self.check("httponly" in attrs and attrs.get("samesite", "").lower() == "strict"
                   and attrs.get("path") == "/" and "secure" not in attrs,
                   "attest_session is HttpOnly; SameSite=Strict; Path=/; not Secure over HTTP",
                   set_cookie[0])

        # The browser: a wrong passphrase, then the right one.
        self.sign_in_browser("not the passphrase either")
        self.signins_failed += 1
        error = self.find("#error")
        self.check(error.is_displayed() and error.get_attribute("role") == "alert"
                   and collapse(error.text).startswith("That passphrase is not right"),
                   "a wrong passphrase shows #error (role=alert)", error.text)
        self.page("sign-in-error", signed_in=False)
        self.sign_in_browser(PASSPHRASE)
        self.signins_ok += 1
        self.check(self.here() == "/", "the passphrase leads to the overview", self.here())
        cookie = self.driver.get_cookie("attest_session") or {}
        self.check(cookie.get("httpOnly") is True and cookie.get("sameSite") == "Strict",
                   "the browser's attest_session is HttpOnly and SameSite=Strict", cookie)

    def test_overview(self):
        self.go("/")
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        focused = self.driver.execute_script(
            "const e = document.activeElement; return [e.tagName, e.textContent.trim(),"
            " e.getAttribute('href') || '']")
        self.check(focused[0] == "A" and re.search(r"skip", focused[1], re.I)
                   and focused[2].startswith("#") and self.has(focused[2]),
                   "overview: the first Tab focuses the skip link to the content", focused)
        overdue = csv_rows(self.report("overdue"))
        self.check(self.text("#overdue-count") == str(len(overdue) - 1),
                   "overview: #overdue-count equals the rows of `attest report overdue`",
                   f"page {self.text('#overdue-count')!r}, CLI {len(overdue) - 1}")
        incidents = csv_rows(self.report("incidents"))
        status = incidents[0].index("Status")
        not_closed = sum(1 for row in incidents[1:] if row[status] != "closed")
        self.check(self.text("#incidents-awaiting") == str(not_closed),
                   "overview: #incidents-awaiting equals the incidents not closed",
                   f"page {self.text('#incidents-awaiting')!r}, CLI {not_closed}")
        for css in ("table#devices", "section#alerts"):
            self.check(self.has(css), f"overview: {css}")
        for fig in ("figure#chart-completion", "figure#chart-overdue-by-role"):
            self.check(self.has(f"{fig} svg[role=img] title") and self.text(f"{fig} svg title")
                       and self.text(f"{fig} figcaption") and self.has(f"{fig} table"),
                       f"overview: {fig} has an svg role=img with a title, a figcaption and a table")
        by_role = {}
        role = overdue[0].index("Role")
        for row in overdue[1:]:
            by_role[row[role]] = by_role.get(row[role], 0) + 1
        chart = self.driver.execute_script(TABLE_JS, "figure#chart-overdue-by-role")
        shown = {collapse(r[0]): collapse(r[-1]) for r in (chart or [])[1:]}
        self.check({k: v for k, v in shown.items() if v != "0"} == {k: str(v) for k, v in by_role.items()},
                   "overview: the overdue-by-role chart's table counts `attest report overdue` by role",
                   f"chart {shown}, CLI {by_role}")
        items = self.driver.execute_script(TABLE_JS, "table#items")
        self.check(items is not None and [collapse(c) for c in items[0]] ==
                   ["Module or policy", "Kind", "Version", "Assigned", "Done", "Due", "Overdue",
                    "Complete"], "overview: table#items has the matrix summary's columns",
                   items[0] if items else None)
        # The same table as the matrix report's "Completion by module and policy".
        self.report("matrix")
        self.driver.get((self.tmp / "matrix.html").as_uri())
        want = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('table')[1].rows).map("
            " r => Array.from(r.cells).map(c => c.textContent))")
        self.go("/")
        self.check([[collapse(c) for c in r] for r in items] == [[collapse(c) for c in r] for r in want],
                   "overview: table#items equals the matrix report's completion table",
                   f"page {items}\n    CLI  {want}")
        self.page("overview")

    def test_matrix(self):
        self.go("/matrix")
        filters = self.find("form#filters")
        self.check((filters.get_attribute("method") or "get").lower() == "get",
                   "matrix: form#filters uses GET")
        role_values = [o.get_attribute("value") for o in Select(self.find("select#role")).options]
        person_values = [o.get_attribute("value") for o in Select(self.find("select#person")).options]
        self.check("" in role_values and "" in person_values and PERSON in person_values,
                   "matrix: select#role and select#person offer everyone and each person",
                   (role_values, person_values))
        self.check(self.find("input#as-of").get_attribute("type") == "date"
                   and self.find("input#inactive").get_attribute("type") == "checkbox"
                   and self.find("input#inactive").get_attribute("value") == "1",
                   "matrix: input#as-of is a date, input#inactive a checkbox of value 1")
        got = self.report_table("matrix", "section#report", self.report("matrix"))
        self.page("matrix")

        role = got[1][1]  # the first person's role, as the CSV lists it
        self.check(role in role_values, f"matrix: select#role offers {role}", role_values)
        self.report_later("matrix-role", "matrix", "--role", role)
        Select(self.find("select#role")).select_by_value(role)
        show = [b for b in self.driver.find_elements(
            By.CSS_SELECTOR, "form#filters button, form#filters input[type=submit]")
            if collapse(b.text or b.get_attribute("value") or "") == "Show"]
        self.check(len(show) == 1, "matrix: the filters' 'Show' button")
        self.click_and_wait(show[0])
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.driver.current_url).query)
        self.check(query.get("role") == [role], f"matrix: Show puts role={role} in the URL",
                   self.here())
        self.report_table(f"matrix ?role={role}", "section#report", self.report("matrix-role"))
        self.page("matrix-role")

        as_of = (datetime.date.today() - datetime.timedelta(days=20)).isoformat()
        for name, query, key in (("matrix-person", f"person={PERSON}", "matrix-person"),
                                 ("matrix-as-of", f"as_of={as_of}", "matrix-as-of"),
                                 ("matrix-inactive", "inactive=1", "matrix-inactive")):
            self.go(f"/matrix?{query}")
            self.report_table(f"matrix ?{query}", "section#report", self.report(key))
            self.page(name)

    def test_people_and_policies(self):
        self.go("/people")
        with open(self.src / "docs/demo-staff.csv", newline="") as f:
            ids = [r["id"] for r in csv.DictReader(f)]
        missing = [i for i in ids if not self.has(f'table#people a[href="/people/{i}"]')]
        self.check(not missing, "people: table#people links each person", missing)
        self.page("people")
        self.click_and_wait(self.find(f'table#people a[href="/people/{PERSON}"]'))
        self.check(self.here() == f"/people/{PERSON}", "people: the link opens the transcript")
        self.report_table(f"transcript {PERSON}", "section#report", self.report("transcript"))
        self.page("transcript")

        self.go("/policies")
        policies = []
        for md in sorted((self.src / "assets/policies").glob("*.md")):
            head = md.read_text().split("---")[1]
            policies.append((re.search(r"^id:\s*(\S+)", head, re.M).group(1),
                             re.search(r"^version:\s*(\S+)", head, re.M).group(1)))
        missing = [p for p in policies if not self.has(f'table#policies a[href="/policies/{p[0]}/{p[1]}"]')]
        self.check(not missing, f"policies: table#policies links each of {len(policies)} policies",
                   missing)
        self.page("policies")
        self.click_and_wait(self.find(f'table#policies a[href="/policies/{POLICY[0]}/{POLICY[1]}"]'))
        self.report_table(f"attestations {POLICY[0]} v{POLICY[1]}", "section#report",
                          self.report("attestations"))
        signatures = self.driver.find_elements(By.CSS_SELECTOR, "section#report svg.signature")
        self.check(len(signatures) >= 1 and signatures[0].size["width"] > 0,
                   "attestations: the drawn signature is an svg.signature", len(signatures))
        self.page("attestations")

    def test_incidents(self):
        self.go("/incidents")
        if self.has("form#open-incidents"):
            form = self.find("form#open-incidents")
            self.check(path_of(form.get_attribute("action")) == "/incidents/open"
                       and self.has("form#open-incidents input#passphrase")
                       and collapse(self.submit_button("form#open-incidents").text) == "Open the incident log",
                       "incidents: form#open-incidents asks for the passphrase again")
            self.check(not self.has("section#report"), "incidents: no log before the passphrase")
            self.page("incidents-passphrase")
            self.find("form#open-incidents input#passphrase").send_keys(PASSPHRASE)
            self.click_and_wait(self.submit_button("form#open-incidents"))
        else:
            self.note("GET /incidents showed the log without asking for the passphrase again "
                      "(the sign-in a minute before counted as 'given in the last 10 minutes')")
        self.report_table("incidents", "section#report", self.report("incidents"))
        self.page("incidents")

    def test_devices_and_csrf(self):
        listed = self.devices()
        kiosk_id = listed["Front desk kiosk"]["id"]
        self.go("/devices")
        rows = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('table#devices tr[data-device]'))"
            ".map(r => r.getAttribute('data-device'))")
        self.check(sorted(rows) == sorted(d["id"] for d in listed.values()),
                   "devices: a tr[data-device] for each device `attest-server devices` lists",
                   f"page {rows}, attest-server {[d['id'] for d in listed.values()]}")
        self.check(all(re.fullmatch(r"[0-9a-f]{32}", r) for r in rows),
                   "devices: each row names its device by its whole id (32 hex digits)", rows)
        self.check(self.has(f'tr[data-device="{kiosk_id}"] a[href="/devices/{kiosk_id}/revoke"]'),
                   "devices: the kiosk's row links to its revoke page")
        self.page("devices")

        # Refused POSTs: no csrf, a wrong one, and the browser's form without its field.
        devices_table = self.driver.execute_script(TABLE_JS, "table#devices")
        before = (self.store_counts(), self.run(self.a.server_bin, "devices", self.server_dir).stdout)
        client = self.session_http()
        self.check(client.request("GET", "/devices").status == 200,
                   "urllib with the browser's session cookie reads /devices")
        for what, form in (("without csrf", {}), ("with a wrong csrf", {"csrf": "0" * 43})):
            r = client.request("POST", "/devices/pair", form)
            self.check(r.status == 403 and "This form has expired" in r.text
                       and 'id="error"' in r.text and 'id="pairing-code"' not in r.text,
                       f"POST /devices/pair {what}: 403 'This form has expired', no code", r.status)
        r = client.request("POST", "/exports/bundle", {"from": "2026-01-01", "to": "2026-01-31"})
        self.check(r.status == 403, "POST /exports/bundle without csrf: 403", r.status)
        r = client.request("POST", "/sign-out", {})
        self.check(r.status == 403 and client.request("GET", "/").status == 200,
                   "POST /sign-out without csrf: 403, and the session still works", r.status)
        self.driver.execute_script("document.querySelector('form#pair input[name=csrf]').remove()")
        self.click_and_wait(self.submit_button("form#pair"))
        self.check(self.text("h1") == "This form has expired" and self.find("#error").is_displayed(),
                   "the browser's pair form without csrf: 'This form has expired' and #error",
                   self.text("h1"))
        self.page("form-expired", signed_in=True)
        after = (self.store_counts(), self.run(self.a.server_bin, "devices", self.server_dir).stdout)
        self.check(after == before, "the refused POSTs changed nothing (pairing codes, devices, events)",
                   f"before {before[0]}, after {after[0]}")
        self.go("/devices")
        self.check(self.driver.execute_script(TABLE_JS, "table#devices") == devices_table,
                   "the devices page is as it was")

        # The real thing: a pairing code, and the kiosk's revoke page (not submitted).
        self.go("/devices")
        self.click_and_wait(self.submit_button("form#pair"))
        code = self.text("#pairing-code")
        self.check(re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code),
                   "devices: form#pair shows a code in #pairing-code", code)
        counts = self.store_counts()
        self.check(counts["pairing_codes"] == before[0]["pairing_codes"] + 1,
                   "devices: the code is stored (one more pairing code)", counts)
        self.page("pairing-code")
        self.go(f"/devices/{kiosk_id}/revoke")
        form = self.find("form#revoke")
        self.check((form.get_attribute("method") or "").lower() == "post"
                   and path_of(form.get_attribute("action")) == f"/devices/{kiosk_id}/revoke",
                   "devices: the revoke page's form#revoke posts to /devices/<id>/revoke")
        self.page("revoke-confirm")
        self.click_and_wait(self.submit_button("form#revoke"))
        self.go("/devices")
        status = self.driver.execute_script(
            "const t = document.querySelector('table#devices'), r = t.querySelector("
            " 'tr[data-device=\"' + arguments[0] + '\"]');"
            "const i = Array.from(t.rows[0].cells).findIndex(c => c.textContent.trim() === 'Status');"
            "return r && i >= 0 ? r.cells[i].textContent.trim() : null;", kiosk_id)
        self.check((status or "").startswith("revoked"), "devices: after revoking, the kiosk's Status cell says revoked",
                   status)
        self.check(self.devices()["Front desk kiosk"]["status"].startswith("revoked"),
                   "`attest-server devices` shows the kiosk revoked")
        self.check(not self.has(f'a[href="/devices/{kiosk_id}/revoke"]'),
                   "devices: a revoked kiosk has no revoke link")
        self.page("devices-revoked", shoot=False)

    def test_exports(self):
        self.go("/exports")
        hrefs = set(self.driver.execute_script(
            "return Array.from(document.querySelectorAll('a.export')).map(a => a.getAttribute('href'))"))
        want = {f"/exports/{k}.{f}" for k in EXPORT_KINDS for f in ("csv", "html", "pdf")}
        self.check(want <= hrefs, "exports: an a.export link per report kind and format",
                   sorted(want - hrefs))
        self.check(self.has("form#bundle input[type=date][name=from]")
                   and self.has("form#bundle input[type=date][name=to]"),
                   "exports: form#bundle has the from and to dates")
        fields = {name: self.find(f"form#bundle input[name={name}]").get_attribute("value")
                  for name in ("from", "to", "csrf")}
        self.page("exports")
        client = self.session_http()
        broken = {}
        for href in sorted(want):
            r = client.request("GET", href)
            ext = href.rsplit(".", 1)[1]
            good = r.status == 200 and (r.body.startswith(b"%PDF") if ext == "pdf" else
                                        b"<h1" in r.body if ext == "html" else b"," in r.body)
            if not good:
                broken[href] = (r.status, r.headers.get("Content-Type"), r.body[:80])
        self.check(not broken, f"exports: each of the {len(want)} exports downloads as its format",
                   broken)

        r = client.request("GET", "/exports/matrix.csv")
        self.check(r.status == 200, "GET /exports/matrix.csv: 200", r.status)
        drop = lambda b: [l for l in b.splitlines(keepends=True) if b"Generated" not in l]
        cli = self.report("matrix")
        self.check(drop(r.body) == drop(cli), "/exports/matrix.csv equals `attest report matrix` byte for byte",
                   f"page {r.body[:300]!r}\n    CLI  {cli[:300]!r}")
        r = client.request("GET", "/exports/matrix.pdf")
        self.check(r.status == 200 and r.body.startswith(b"%PDF"), "GET /exports/matrix.pdf is a PDF",
                   (r.status, r.body[:20]))
        if not fields["from"] or not fields["to"]:
            self.note(f"form#bundle has no default period: {fields}")
            fields["from"] = fields["from"] or "2026-01-01"
            fields["to"] = fields["to"] or (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
        started = time.time()
        r = client.request("POST", "/exports/bundle", fields, timeout=120)
        self.check(r.status == 200 and r.headers.get_content_type() == "application/zip",
                   f"POST /exports/bundle {fields['from']}..{fields['to']}: 200 application/zip "
                   f"({len(r.body)} bytes, {time.time() - started:.1f} s)",
                   (r.status, r.headers.get("Content-Type"), r.body[:200]))
        try:
            bundle = zipfile.ZipFile(io.BytesIO(r.body))
            names = bundle.namelist()
        except zipfile.BadZipFile as e:
            raise CheckFailed(f"the bundle is not a zip: {e}")
        manifests = [n for n in names if n.rsplit("/", 1)[-1] == "manifest.json"]
        self.check(len(manifests) == 1 and any(n.endswith("manifest.sig") for n in names),
                   "the zip holds one manifest.json and its manifest.sig", names[:20])
        self.check(all(not n.startswith("/") and ".." not in n.split("/") for n in names),
                   "the zip's paths stay inside it")
        out = self.tmp / "bundle"
        bundle.extractall(out)
        folder = out / manifests[0].rsplit("/", 1)[0] if "/" in manifests[0] else out
        p = subprocess.run([self.a.cli_bin, "verify-bundle", str(folder)], capture_output=True, text=True)
        self.check(p.returncode == 0, f"attest verify-bundle on the unzipped bundle: {p.stdout.strip()}",
                   p.stdout + p.stderr)

    def test_sign_out(self):
        client = self.session_http()
        self.go("/")
        self.click_and_wait(self.submit_button("form#sign-out"))
        self.check(self.here().startswith("/sign-in"), "Sign out leads to /sign-in", self.here())
        self.check(self.go("/") == "/sign-in", "after signing out / leads to /sign-in", self.here())
        r = client.request("GET", "/")
        self.check(r.status == 303 and r.location().startswith("/sign-in"),
                   "the signed-out cookie no longer works", r.status)

    def test_idle_session_and_lockout(self):
        # A new browser for the restarted server: quitting closes the kept-alive
        # connections that would hold the server's shutdown for its 5 s keep-alive.
        self.driver.quit()
        self.driver = None
        rc = self.stop_server()
        self.check(rc == 0, "attest-server stops cleanly on SIGTERM", rc)
        self.start_server(idle_seconds=5)
        self.start_browser()
        self.check(self.go("/") == "/sign-in", "the restarted server asks to sign in", self.here())
        self.sign_in_browser(PASSPHRASE)
        self.signins_ok += 1
        self.check(self.here() == "/", "signed in to the server that signs out after 5 idle seconds", self.here())
        # Meanwhile, on a worker thread, six wrong passphrases (an Argon2id each) lock signing in.
        lockout = self.pool.submit(self.lock_out)
        for path in ("/people", "/policies", "/devices"):  # activity keeps the session alive
            time.sleep(0.8)
            self.check(self.go(path) == path, f"{path} 0.8 s after the last page: still signed in",
                       self.here())
        old = self.session_http()
        token = self.find("form#pair input[name=csrf]").get_attribute("value")
        # Idle on a blank page: the server must expire the session on its own,
        # not the page's script that goes to the sign-in page when time is up.
        self.driver.get("about:blank")
        idle_since = time.time()
        time.sleep(6.0)
        statuses, last, right = lockout.result()
        landed = self.go("/matrix")
        self.check(landed == "/sign-in?expired=1",
                   f"{time.time() - idle_since:.0f} s idle: /matrix leads to /sign-in?expired=1", landed)
        notice = self.find("#notice")
        self.check(notice.is_displayed() and notice.get_attribute("role") == "status"
                   and "You were signed out" in notice.text,
                   "the expired sign-in page says so in #notice (role=status)", notice.text)
        self.page("sign-in-expired", signed_in=False)
        before = self.store_counts()
        r = old.request("POST", "/devices/pair", {"csrf": token})
        self.check((r.status == 303 and r.location().startswith("/sign-in")) or r.status == 403,
                   "a POST with the expired cookie is refused (303 to sign-in or 403)",
                   (r.status, r.headers.get("Location")))
        after = self.store_counts()
        # (An AutoLogoff record for the idle session is right; no pairing code is.)
        self.check(after["pairing_codes"] == before["pairing_codes"] and after["devices"] == before["devices"],
                   "the expired POST made no pairing code", f"before {before}, after {after}")

        self.signins_failed += statuses.count(401)
        self.check(statuses[:4] == [401] * 4 and statuses[4] in (401, 429) and statuses[5] == 429,
                   "five wrong passphrases in a row: then 429", statuses)
        self.check(re.search(r'id="error"', last.text) and re.search(r"wait|minute|locked", last.text, re.I),
                   "the 429 page's #error says to wait")
        self.check(right.status == 429, "while locked out even the right passphrase gets 429", right.status)

    def lock_out(self):
        """Six wrong passphrases, then the right one (on a worker thread: no checks here)."""
        client = Http(self.base)
        token = form_fields(client.request("GET", "/sign-in").text, "sign-in-form").get("csrf", "")
        statuses, last = [], None
        for i in range(6):
            last = client.request("POST", "/sign-in", {"passphrase": f"wrong {i}", "csrf": token})
            statuses.append(last.status)
            token = form_fields(last.text, "sign-in-form").get("csrf", token)
        right = client.request("POST", "/sign-in", {"passphrase": PASSPHRASE, "csrf": token})
        return statuses, last, right

    def test_sign_in_report(self):
        self.driver.quit()  # (its kept-alive connections would hold the shutdown 5 s)
        self.driver = None
        rc = self.stop_server()
        self.check(rc == 0, "attest-server stops cleanly on SIGTERM again", rc)
        out = self.run(self.a.cli_bin, "report", "sign-ins", "--server", self.server_dir,
                       "--passphrase-file", self.pass_file, "--format", "csv").stdout
        rows = list(csv.DictReader(io.StringIO(out.decode(), newline="")))
        office = [r for r in rows if r["Device"].startswith("Office server")]
        total = lambda col: sum(int(r[col] or 0) for r in office)
        self.check(office and total("Sign-ins") >= self.signins_ok and total("Failed") >= self.signins_failed,
                   f"`attest report sign-ins` shows the dashboard's {self.signins_ok} sign-ins and "
                   f"{self.signins_failed} failures on the Office server",
                   out.decode())
        print("   " + "\n   ".join(f"{r['Person']} | {r['Device']} | sign-ins {r['Sign-ins']}, failed "
                                   f"{r['Failed']}, lockouts {r['Lockouts']}" for r in office))

    def main(self):
        started = time.time()
        self.shots.mkdir(parents=True, exist_ok=True)
        for old in [*self.shots.glob("*-desktop.png"), *self.shots.glob("*-phone.png"),
                    *self.shots.glob("FAILED.*")]:
            old.unlink()
        try:
            self.set_up_practice()
            print(f"   practice ready in {time.time() - started:.1f} s; {self.base}", flush=True)
            self.report_later("matrix", "matrix", html=True)
            self.report_later("overdue", "overdue")
            self.report_later("incidents", "incidents")
            self.report_later("matrix-person", "matrix", "--person", PERSON)
            self.report_later("matrix-as-of", "matrix", "--as-of",
                              (datetime.date.today() - datetime.timedelta(days=20)).isoformat())
            self.report_later("matrix-inactive", "matrix", "--include-inactive")
            self.report_later("transcript", "transcript", "--person", PERSON)
            self.report_later("attestations", "attestations", "--policy", POLICY[0],
                              "--policy-version", POLICY[1])
            self.start_browser()
            for phase in (self.test_signed_out, self.test_overview, self.test_matrix,
                          self.test_people_and_policies, self.test_incidents,
                          self.test_devices_and_csrf, self.test_exports, self.test_sign_out,
                          self.test_idle_session_and_lockout, self.test_sign_in_report):
                print(f"-- {phase.__name__[5:].replace('_', ' ')}", flush=True)
                phase_started = time.time()
                phase()
                print(f"   ({time.time() - phase_started:.1f} s)", flush=True)
        except Exception as e:  # a failed check, or the browser or a helper breaking on the page
            detail = str(e) if isinstance(e, CheckFailed) else traceback.format_exc()
            print(f"\nFAIL: {detail}", file=sys.stderr)
            self.save_failure()
            print(f"\n{self.passed} passed, 1 failed ({time.time() - started:.1f} s); "
                  f"the practice is kept in {self.tmp}", file=sys.stderr)
            return 1
        finally:
            self.close()
        for n in self.notes:
            print(f"note: {n}")
        print(f"{self.shot_count} screenshots in {self.shot_seconds:.1f} s: {self.shots}")
        print(f"{self.passed} passed, 0 failed ({time.time() - started:.1f} s)")
        if not self.a.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return 0

    def save_failure(self):
        if self.driver is not None:
            try:
                print(f"browser at {self.driver.current_url}", file=sys.stderr)
                self.viewport(*DESKTOP, mobile=False)
                self.driver.save_screenshot(str(self.shots / "FAILED.png"))
                (self.shots / "FAILED.html").write_text(self.driver.page_source)
            except WebDriverException:
                pass
        print("server log (last lines):\n" + self.server_log_tail(), file=sys.stderr)

    def close(self):
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self.driver is not None:
            try:
                self.driver.quit()
            except WebDriverException:
                pass
            self.driver = None
        self.stop_server()


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--server-bin", required=True, help="attest-server")
    p.add_argument("--cli-bin", required=True, help="attest")
    p.add_argument("--kiosk-bin", required=True, help="attest-kiosk")
    p.add_argument("--source-dir", required=True, help="the source tree (docs/, assets/)")
    p.add_argument("--screenshots", required=True, help="where <page>-desktop/phone.png go")
    p.add_argument("--keep", action="store_true", help="keep the practice's temporary folder")
    return p.parse_args()


if __name__ == "__main__":
    sys.exit(DashboardTest(parse_args()).main())
