// Issue 7's browser scenario, in real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core:
// a two-week-wait referral triaged by a consultant and booked by a booking administrator, the GP's message and the
// patient's text on the sandbox page, a council's social care team seeing and acknowledging only its own
// notification, and clear refusals for users without rights.
//
//   node tasklist-scenario.mjs <base URL> [screenshot folder]
//
// Prints one "STEP ok" line per step and "BROWSER SCENARIO PASSED" at the end; exits 1 at the first failure,
// with a screenshot of every open page at that moment.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HandoverApi } from './lib/handover-api.mjs';
import { Tasklist, describe } from './lib/tasklist.mjs';
import { expectText, expectNoText } from './lib/expect.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const baseUrl = process.argv[2]?.replace(/\/$/, '');
if (!baseUrl) {
  console.error('usage: node tasklist-scenario.mjs <base URL> [screenshot folder]');
  process.exit(2);
}
const screenshots = path.resolve(process.argv[3] ?? path.join(here, '..', '..', '..', 'target', 'browser-screenshots'));
await mkdir(screenshots, { recursive: true });
const api = new HandoverApi(baseUrl, path.join(here, '..', '..', '..', '..', 'ops', 'samples'));

const browser = await chromium.launch({
  executablePath: process.env.HANDOVER_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // Chromium's own sandbox cannot start as root (CI containers); an ordinary user keeps it.
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
const pages = [];
let shot = 0;

/** A fresh browser profile for one person, as if at their own desk; /sandbox and the APIs ask for HTTP Basic. */
async function desk(user) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    httpCredentials: { username: user, password: user },
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('pageerror', error => console.log(`[${user}] page error: ${error.message}`));
  page.on('response', response => {
    if (response.status() >= 500 || response.url().includes('/login/')) {
      console.log(`[${user}] ${response.request().method()} ${response.url()} answered ${response.status()}`);
    }
  });
  pages.push({ user, page });
  return page;
}

async function screenshot(page, name) {
  shot += 1;
  const file = path.join(screenshots, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

async function step(description, action) {
  const started = Date.now();
  await action();
  console.log(`STEP ok (${((Date.now() - started) / 1000).toFixed(1)} s): ${description}`);
}

/** Five to seven days ahead, never at a weekend: inside the two-week-wait booking deadline. */
function aWeekdaySoon() {
  const day = new Date(Date.now() + 5 * 86_400_000);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  return day;
}

const stamp = String(Date.now()).slice(-11);
const ubrn = '4' + stamp;
const stockportEpisode = `EP-BROWSER-${stamp}-SK`;
const worcestershireEpisode = `EP-BROWSER-${stamp}-WR`;

try {
  let referral;
  await step('a GP system posts a two-week-wait referral; the ward discharges two patients for two councils', async () => {
    referral = await api.postTwoWeekWaitReferral(ubrn);
    await api.postDischarge({ episode: stockportEpisode, nhsNumber: '9990000034', given: 'Alan', family: 'Turing',
      postcode: 'SK7 2CD', city: 'Stockport' });
    await api.postDischarge({ episode: worcestershireEpisode, nhsNumber: '9990000018', given: 'Ada', family: 'Lovelace',
      postcode: 'WR1 2AB', city: 'Worcester' });
    await api.confirmProposedPathway(stockportEpisode);
    await api.confirmProposedPathway(worcestershireEpisode);
  });

  const triageTask = await api.awaitTask('consultant', ubrn, 'UserTask_TriageReferral');
  const consultant = await desk('consultant');
  const consultantsTasklist = new Tasklist(consultant, baseUrl);

  await step('the consultant logs in to the Tasklist by typing and clicking "Log in"', async () => {
    await consultantsTasklist.logIn('consultant');
    await screenshot(consultant, 'consultant-logged-in');
  });

  await step('the consultant opens the team filter "Two-week-wait referrals · Triage: colorectal"', async () => {
    const count = await consultantsTasklist.openFilter('Two-week-wait referrals · Triage: colorectal');
    if (count < 1) throw new Error(`the filter counts ${count} tasks`);
    await expectText(consultantsTasklist.taskCard(triageTask.id), [referral.nhsNumber, referral.patientName]);
    await screenshot(consultant, 'consultant-team-filter');
  });

  await step('the consultant claims the referral and reads the routing reason in the form', async () => {
    await consultantsTasklist.openTask(triageTask.id);
    await consultantsTasklist.claim();
    const form = consultantsTasklist.taskForm();
    await expectText(form, [`UBRN ${ubrn}`, 'Why this referral came to your team',
      'suspected-cancer red flags, raised from routine to two-week-wait', 'Rules that fired', 'SuspectedCancerRedFlag']);
    await screenshot(consultant, 'consultant-claimed-routing-reason');
  });

  await step('the consultant accepts with a comment and completes triage', async () => {
    const form = consultantsTasklist.taskForm();
    await form.getByLabel('Accept, book later').check();
    await form.getByLabel('Triage comment').fill('Red flags confirmed: book into the two-week-wait colorectal clinic.');
    await screenshot(consultant, 'consultant-triage-filled');
    await consultantsTasklist.complete();
    await consultantsTasklist.taskCard(triageTask.id).waitFor({ state: 'detached' });
    await api.awaitNoTask('admin', ubrn, 'UserTask_TriageReferral');
    await screenshot(consultant, 'consultant-triage-completed');
  });

  const bookingTask = await api.awaitTask('bookingadmin', ubrn, 'UserTask_BookAppointment');
  const bookingAdmin = await desk('bookingadmin');
  const bookingTasklist = new Tasklist(bookingAdmin, baseUrl);

  await step('the booking administrator books the appointment from the team filter', async () => {
    await bookingTasklist.logIn('bookingadmin');
    await bookingTasklist.openFilter("My team's tasks · Booking administrators");
    await bookingTasklist.openTask(bookingTask.id);
    await bookingTasklist.claim();
    const form = bookingTasklist.taskForm();
    await expectText(form, ['Book an appointment', 'Red flags confirmed']);
    await form.getByLabel('Clinic').fill('Colorectal two-week-wait clinic');
    await bookingTasklist.fillDateTime(form, 'Appointment', aWeekdaySoon(), '10:30');
    await form.getByLabel('Location').fill('Outpatients B, Level 2');
    await screenshot(bookingAdmin, 'booking-filled');
    await bookingTasklist.complete();
    await api.awaitNoTask('admin', ubrn, 'UserTask_BookAppointment');
    await screenshot(bookingAdmin, 'booking-completed');
  });

  await step('the sandbox page shows the GP practice\'s message and the patient\'s text', async () => {
    await bookingAdmin.goto(baseUrl + '/sandbox');
    await expectText(bookingAdmin.locator('#gp'), [`${referral.practice}OT001`, `Referral accepted (UBRN ${ubrn})`,
      `Appointment booked (UBRN ${ubrn})`], 60_000);
    await expectText(bookingAdmin.locator('#phones'), [referral.mobile,
      'Your hospital appointment (Colorectal two-week-wait clinic)', 'at 10:30am at Outpatients B, Level 2', ubrn], 60_000);
    await screenshot(bookingAdmin, 'sandbox-gp-message-and-patient-text');
  });

  const acknowledgeTask = await api.awaitTask('socialcare', stockportEpisode, 'UserTask_AcknowledgeNotification');
  const worcestershireTask = await api.awaitTask('socialcareworcs', worcestershireEpisode, 'UserTask_AcknowledgeNotification');
  const socialCare = await desk('socialcare');
  const socialCareTasklist = new Tasklist(socialCare, baseUrl);

  await step('Stockport\'s social care user sees only Stockport\'s notification and acknowledges it', async () => {
    await socialCareTasklist.logIn('socialcare');
    await socialCareTasklist.openFilter('Awaiting acknowledgement · Stockport Council social care');
    await expectText(socialCareTasklist.taskCard(acknowledgeTask.id), ['Turing']);
    await expectNoText(socialCare.locator('body'), ['Lovelace', '999 000 0018']);
    await socialCareTasklist.openTask(acknowledgeTask.id);
    await socialCareTasklist.claim();
    const form = socialCareTasklist.taskForm();
    await expectText(form, ['Acknowledge the discharge notification', 'Alan Turing']);
    await form.getByLabel('Your case reference').fill('SC-BROWSER-1');
    await screenshot(socialCare, 'social-care-acknowledge-filled');
    await socialCareTasklist.complete();
    await api.awaitNoTask('admin', stockportEpisode, 'UserTask_AcknowledgeNotification');
    await api.awaitTask('socialcareworcs', worcestershireEpisode, 'UserTask_AcknowledgeNotification');
    await screenshot(socialCare, 'social-care-acknowledged');
  });

  await step('users without rights get a clear refusal, not a blank page', async () => {
    // The patient experience team opens a link to Worcestershire's notification: the engine does not even admit it
    // exists for them, and the Tasklist says so; nothing of the patient shows.
    const patientExperience = await desk('patientexperience');
    await new Tasklist(patientExperience, baseUrl).logIn('patientexperience');
    await patientExperience.goto(`${baseUrl}/camunda/app/tasklist/default/#/?task=${worcestershireTask.id}`);
    await expectText(patientExperience.locator('.page-notifications'), [`No matching task with id ${worcestershireTask.id}`]);
    await expectNoText(patientExperience.locator('body'), ['Lovelace', '999 000 0018']);
    await screenshot(patientExperience, 'refused-patient-experience-task-link');

    // The consultant, logged in to the Tasklist, opens Admin.
    await consultant.goto(`${baseUrl}/camunda/app/admin/default/`);
    await expectText(consultant.locator('body'), ['403', 'No access rights for admin']);
    await screenshot(consultant, 'refused-consultant-admin');
  });

  console.log('BROWSER SCENARIO PASSED');
} catch (error) {
  console.log(`STEP FAILED: ${error.stack ?? error}`);
  for (const { user, page } of pages) {
    console.log(`[${user}] at the failure the page showed: ${await describe(page).catch(e => e.message)}`);
    await screenshot(page, `failure-${user}`).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
