// A person at the Camunda Tasklist: everything goes through the page as they would do it (typing, clicking the
// buttons and links they see), never through the page's scripts.
export class Tasklist {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /**
   * Types the user name and password and clicks "Log in", as a person would. A person whose first click does nothing
   * (the page's form was still starting, so it never saw what was typed) types again: up to three tries, each one
   * described on the console, so that a failure says what the page showed.
   */
  async logIn(user) {
    const page = this.page;
    await this.openTasklist();
    const filters = page.locator('.task-filter').first();
    for (let attempt = 1; ; attempt++) {
      const username = page.getByPlaceholder('Username');
      await username.or(filters).first().waitFor();
      if (await filters.isVisible()) return;
      await username.fill(user);
      await page.getByPlaceholder('Password').fill(user);
      await page.getByRole('button', { name: 'Log in' }).click();
      try {
        await filters.waitFor({ timeout: 15_000 });
        return;
      } catch (error) {
        console.log(`[${user}] log-in try ${attempt} showed no task filters: ${await describe(page)}`);
        if (attempt === 3) throw error;
        if (!(await page.getByPlaceholder('Username').isVisible())) {
          await this.openTasklist();
        }
      }
    }
  }

  /** Opens the Tasklist and lets its scripts finish starting; a page that keeps polling is not waited for longer. */
  async openTasklist() {
    await this.page.goto(this.baseUrl + '/camunda/app/tasklist/default/');
    await this.page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  }

  /** Clicks the saved filter (its name, or a pattern for it) and answers the count it then shows. */
  async openFilter(name) {
    const filter = this.page.locator('.task-filter').filter({ has: this.page.locator('h4', { hasText: name }) });
    await filter.click();
    const counter = this.page.locator('.task-filter.active .counter');
    await counter.filter({ hasText: /\d/ }).waitFor();
    return Number((await counter.textContent()).trim());
  }

  /** The task's card in the open filter's list. */
  taskCard(taskId) {
    return this.page.locator('.tasks-list li.task').filter({ has: this.page.locator(`a[href="#/?task=${taskId}"]`) });
  }

  /** Clicks the task's card in the open filter's list and waits for its form. */
  async openTask(taskId) {
    await this.taskCard(taskId).locator('h4 a').click();
    await this.taskForm().waitFor();
  }

  taskPane() {
    return this.page.locator('[cam-tasklist-task]');
  }

  taskForm() {
    return this.taskPane().locator('.fjs-form');
  }

  async claim() {
    const claim = this.taskPane().getByText('Claim', { exact: true });
    await claim.click();
    await claim.waitFor({ state: 'detached' });
  }

  /** A Camunda Forms date-time field: the date typed as the date picker shows it (mm/dd/yyyy), then the time. */
  async fillDateTime(form, label, date, time) {
    const typedDate = `${String(date.getMonth() + 1).padStart(2, '0')}/${String(date.getDate()).padStart(2, '0')}/${date.getFullYear()}`;
    const dateField = form.getByLabel(`${label} date`);
    await dateField.fill(typedDate);
    await dateField.press('Enter');
    const timeField = form.getByLabel(`${label} time`);
    await timeField.fill(time);
    await timeField.press('Enter');
  }

  async complete() {
    await this.taskPane().getByRole('button', { name: 'Complete' }).click();
  }
}

/** What a person would see on the page, in one line: its address and the start of its visible text. */
export async function describe(page) {
  const text = await page.locator('body').innerText({ timeout: 5_000 }).catch(error => `(no text: ${error.message})`);
  return `${page.url()} :: ${text.replace(/\s+/g, ' ').trim().slice(0, 600)}`;
}
