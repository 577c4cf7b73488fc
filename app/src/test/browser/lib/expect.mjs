// Assertions on what a person reads on the page: waits (the Tasklist loads lists and forms after the click), then
// fails naming every missing or unwanted text and what the element showed instead.
export async function expectText(locator, texts, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let shown = '';
  for (;;) {
    shown = await locator.innerText().catch(() => '');
    const missing = texts.filter(text => !shown.includes(text));
    if (missing.length === 0) return shown;
    if (Date.now() > deadline) {
      throw new Error(`missing ${JSON.stringify(missing)} in ${locator}; it showed: ${shown.slice(0, 1500)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

export async function expectNoText(locator, texts) {
  const shown = await locator.innerText();
  const unwanted = texts.filter(text => shown.includes(text));
  if (unwanted.length > 0) {
    throw new Error(`${locator} shows ${JSON.stringify(unwanted)}, which this user must not see: ${shown.slice(0, 1500)}`);
  }
}
