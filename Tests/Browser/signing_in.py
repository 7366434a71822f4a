"""Signing in through the real form, shared by the browser checks.

A click on the submit button returns before the next page has loaded: on a busy machine bcrypt
takes a while, and reading the address straight after the click still sees /login. So this
waits until the browser has left the sign-in page or the page shows why it refused, and then
names the reason."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


class SignInRefused(Exception):
    pass


def sign_in(driver, base, email, password, timeout=60):
    """Signs in, or raises SignInRefused naming why. A sign-in page that shows no reason (once,
    under a loaded test run, the page after the click showed no error summary) is described —
    its title and heading — and the sign-in tried once more, so a refusal is always a reason the
    server gave rather than a moment the browser was caught between two pages."""
    first = _attempt(driver, base, email, password, timeout)
    if first is None:
        return
    if first.startswith("no reason shown"):
        second = _attempt(driver, base, email, password, timeout)
        if second is None:
            print(f"signing in as {email} needed a second try; the first ended on {first}", flush=True)
            return
        first = f"{first}; then {second}"
    raise SignInRefused(f"could not sign in as {email}: {' '.join(first.split())}")


def _attempt(driver, base, email, password, timeout):
    """None when signed in, else what the page said."""
    driver.get(base + "/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/login']")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def settled(d):
        if "/login" not in d.current_url.split("?")[0]:
            return "signed in"
        try:
            # A new sign-in page (with its error summary) replaces the form that was submitted.
            form.is_enabled()
            return False
        except Exception:
            if d.execute_script("return document.readyState") != "complete":
                return False
            if "/login" not in d.current_url.split("?")[0]:
                return "signed in"
            summary = d.find_elements(By.CSS_SELECTOR, ".error-summary")
            if summary:
                return summary[0].text.strip()
            headings = d.find_elements(By.TAG_NAME, "h1")
            heading = headings[0].text.strip() if headings else "no heading"
            return f"no reason shown: a page titled {d.title!r} with the heading {heading!r} at {d.current_url}"

    outcome = WebDriverWait(driver, timeout).until(settled)
    return None if outcome == "signed in" else outcome
