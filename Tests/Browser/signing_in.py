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
            summary = d.find_elements(By.CSS_SELECTOR, ".error-summary")
            return summary[0].text.strip() if summary else "still on the sign-in page"

    outcome = WebDriverWait(driver, timeout).until(settled)
    if outcome != "signed in":
        raise SignInRefused(f"could not sign in as {email}: {' '.join(outcome.split())}")
