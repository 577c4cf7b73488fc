// What the outside world and the back office do before people open the Tasklist: systems post through Handover's
// real intakes (FHIR ServiceRequest and Encounter, as the integration account), the engine's REST API finds tasks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export class HandoverApi {
  constructor(baseUrl, samplesDir) {
    this.baseUrl = baseUrl;
    this.samplesDir = samplesDir;
  }

  async request(user, method, urlPath, { body, contentType = 'application/json' } = {}) {
    const headers = { Authorization: 'Basic ' + Buffer.from(`${user}:${user}`).toString('base64'), Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = contentType;
    const response = await fetch(this.baseUrl + urlPath, { method, headers, body });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }

  async expect(status, user, method, urlPath, options) {
    const response = await this.request(user, method, urlPath, options);
    if (response.status !== status) {
      throw new Error(`${method} ${urlPath} as ${user} answered ${response.status}, expected ${status}: ${response.text.slice(0, 500)}`);
    }
    return response;
  }

  /** The GP's two-week-wait sample (routine, with red-flag terms in the clinical text) under a UBRN of its own. */
  async postTwoWeekWaitReferral(ubrn) {
    const sample = JSON.parse(await readFile(path.join(this.samplesDir, 'referrals', 'valid-2ww-colorectal-red-flag.json'), 'utf8'));
    sample.identifier.find(id => id.system === 'https://fhir.nhs.uk/Id/UBRN').value = ubrn;
    await this.expect(201, 'integration', 'POST', '/fhir/r4/ServiceRequest',
      { body: JSON.stringify(sample), contentType: 'application/fhir+json' });
    return { nhsNumber: '999 000 0026', patientName: 'Dennis Walker', mobile: '+447700900456', practice: 'A81002' };
  }

  /** The sample discharge (pathway 1: needs support at home, lived alone) for another patient, episode and postcode. */
  async postDischarge({ episode, nhsNumber, given, family, postcode, city }) {
    const encounter = JSON.parse(await readFile(path.join(this.samplesDir, 'discharge', 'encounter-discharge.json'), 'utf8'));
    const patient = encounter.contained.find(resource => resource.resourceType === 'Patient');
    patient.identifier[0].value = nhsNumber;
    patient.name = [{ family, given: [given] }];
    patient.address = [{ line: ['1 Browser Lane'], city, postalCode: postcode }];
    encounter.identifier[0].value = episode;
    const now = Date.now();
    encounter.period = { start: new Date(now - 3 * 86_400_000).toISOString(), end: new Date(now - 3_600_000).toISOString() };
    await this.expect(201, 'integration', 'POST', '/fhir/r4/Encounter',
      { body: JSON.stringify(encounter), contentType: 'application/fhir+json' });
  }

  /** Waits for the one open task of a case (business key) at a task definition, as the given user sees it. */
  async awaitTask(user, businessKey, taskDefinitionKey, timeoutMs = 60_000) {
    const query = `/engine-rest/task?processInstanceBusinessKey=${encodeURIComponent(businessKey)}&taskDefinitionKey=${taskDefinitionKey}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tasks = (await this.expect(200, user, 'GET', query)).json();
      if (tasks.length === 1) return tasks[0];
      if (tasks.length > 1) throw new Error(`${tasks.length} open ${taskDefinitionKey} tasks for ${businessKey}`);
      if (Date.now() > deadline) throw new Error(`no ${taskDefinitionKey} task for ${businessKey} visible to ${user} within ${timeoutMs} ms`);
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }

  async awaitNoTask(user, businessKey, taskDefinitionKey, timeoutMs = 30_000) {
    const query = `/engine-rest/task?processInstanceBusinessKey=${encodeURIComponent(businessKey)}&taskDefinitionKey=${taskDefinitionKey}`;
    const deadline = Date.now() + timeoutMs;
    while ((await this.expect(200, user, 'GET', query)).json().length > 0) {
      if (Date.now() > deadline) throw new Error(`${taskDefinitionKey} for ${businessKey} is still open after ${timeoutMs} ms`);
      await new Promise(resolve => setTimeout(resolve, 300));
    }
  }

  /** The discharge coordinator confirms the rules' proposed pathway (their own Tasklist step, not under test here). */
  async confirmProposedPathway(episode) {
    const task = await this.awaitTask('dischargecoordinator', episode, 'UserTask_ConfirmPathway');
    const variables = (await this.expect(200, 'dischargecoordinator', 'GET', `/engine-rest/task/${task.id}/variables`)).json();
    const pathway = variables.proposedPathway?.value;
    if (pathway !== '1') throw new Error(`episode ${episode}: the rules proposed pathway ${pathway}, the sample should give 1`);
    await this.expect(204, 'dischargecoordinator', 'POST', `/engine-rest/task/${task.id}/complete`,
      { body: JSON.stringify({ variables: { pathway: { value: pathway } } }) });
  }
}
