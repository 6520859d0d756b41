// Admin page /admin/settings: the SNMP-only switch and the rule effects, each change audited.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { RULE_EFFECT_SOURCES } from '../../services/rule-overview.js';
import type { SettingsService } from '../../services/settings.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { render } from '../render.js';

const snmpForm = z.object({
  snmpOnly: z.enum(['on', 'off'], { error: 'choose on or off' }),
});

const ruleForm = z.object({
  ruleId: z.coerce
    .number({ error: 'a rule id is a whole number' })
    .int('a rule id is a whole number')
    .positive('a rule id is positive')
    .max(2_147_483_647, 'a rule id is at most 2147483647'),
  effect: z.enum(['device', 'port', 'ignore', 'clear'], {
    error: 'choose device, port, ignore or clear',
  }),
});

const SAVED = z.enum(['snmp-only', 'rule-effect']).optional().catch(undefined);

/** The form's text fields (files and repeated fields are not text: left out). */
async function formOf(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v.trim()]] : [])),
  );
}

const problems = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.map(String).join('.') || 'form'}: ${i.message}`).join('; ');

export function adminSettingsRoutes(deps: { settings: SettingsService }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));

  const page = async (c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) => {
    const overview = await deps.settings.overview(c.get('em'));
    const data = { title: 'Settings', ...overview, sources: RULE_EFFECT_SOURCES, ...extra };
    return render(c, 'pages/admin/settings', data, status);
  };

  app.get('/settings', (c) => page(c, { saved: SAVED.parse(c.req.query('saved')) }));

  app.post('/settings/snmp-only', async (c) => {
    const form = snmpForm.safeParse(await formOf(c));
    if (!form.success) return page(c, { error: problems(form.error) }, 422);
    const on = form.data.snmpOnly === 'on';
    await deps.settings.setSnmpOnly(c.get('em'), on, c.get('viewer')!.userId);
    return c.redirect('/admin/settings?saved=snmp-only', 303);
  });

  app.post('/settings/rule-effects', async (c) => {
    const form = ruleForm.safeParse(await formOf(c));
    if (!form.success) return page(c, { error: problems(form.error) }, 422);
    const { ruleId, effect } = form.data;
    const viewer = c.get('viewer')!;
    await deps.settings.setRuleEffect(
      c.get('em'),
      ruleId,
      effect === 'clear' ? null : effect,
      viewer.userId,
    );
    return c.redirect(`/admin/settings?saved=rule-effect#rule-${ruleId}`, 303);
  });

  return app;
}
