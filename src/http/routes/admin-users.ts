// Admin pages: users (create, edit, disable, portfolio, reset link), their API tokens, audit log.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import { USER_ROLES } from '../../domain/viewer.js';
import {
  adminCreateUser,
  adminResetLink,
  adminRevokeToken,
  adminUpdateUser,
  auditPage,
  getUser,
  listCustomers,
  listUsers,
  tokensOf,
} from '../../services/user-admin.js';
import type { AppEnv } from '../context.js';
import { requireRole } from '../middleware/auth.js';
import { attempt, render } from '../render.js';

const idParam = z.coerce.number().int().positive();

const userForm = z.object({
  email: z.string().default(''),
  role: z.enum(USER_ROLES).catch('customer'),
  customer: z.string().default(''),
  customers: z.array(z.string()).default([]),
  disabled: z.boolean().default(false),
  password: z.string().default(''),
});

async function readUserForm(c: Context<AppEnv>) {
  const body = await c.req.parseBody({ all: true });
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
  return userForm.parse({
    email: String(body.email ?? ''),
    role: String(body.role ?? ''),
    customer: String(body.customer ?? ''),
    customers: list(body.customers),
    disabled: body.disabled === 'on',
    password: String(body.password ?? ''),
  });
}

export function adminUserRoutes(deps: { config: Config }) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));

  app.get('/users', async (c) => {
    const users = await listUsers(c.get('em'));
    return render(c, 'pages/admin/users', { title: 'Users', users });
  });

  const newPage = async (c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) =>
    render(
      c,
      'pages/admin/user-new',
      { title: 'New user', customers: await listCustomers(c.get('em')), ...extra },
      status,
    );

  app.get('/users/new', (c) => newPage(c));

  app.post('/users', async (c) => {
    const f = await readUserForm(c);
    const r = await attempt(() =>
      adminCreateUser(c.get('em'), c.get('viewer')!, {
        email: f.email,
        role: f.role,
        customer: f.role === 'customer' ? f.customer : undefined,
        customers: f.role === 'account_manager' ? f.customers : undefined,
        password: f.password || undefined,
      }),
    );
    if (!r.ok) return newPage(c, { error: r.error.message, form: f }, r.error.status);
    const notice = r.value.generatedPassword
      ? `Created ${r.value.user.email}. Their password, shown only now: ${r.value.generatedPassword}`
      : `Created ${r.value.user.email}.`;
    return editPage(c, r.value.user.id, { notice });
  });

  const editPage = async (
    c: Context<AppEnv>,
    id: number,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const em = c.get('em');
    const user = await getUser(em, id);
    const data = {
      title: user.email,
      user,
      customers: await listCustomers(em),
      tokens: await tokensOf(em, id),
    };
    return render(c, 'pages/admin/user-edit', { ...data, ...extra }, status);
  };

  app.get('/users/:id', (c) => editPage(c, idParam.parse(c.req.param('id'))));

  app.post('/users/:id', async (c) => {
    const id = idParam.parse(c.req.param('id'));
    const f = await readUserForm(c);
    const r = await attempt(() => adminUpdateUser(c.get('em'), c.get('viewer')!, id, f));
    if (!r.ok) return editPage(c, id, { error: r.error.message }, r.error.status);
    return editPage(c, id, { notice: 'Saved.' });
  });

  app.post('/users/:id/reset', async (c) => {
    const id = idParam.parse(c.req.param('id'));
    const link = await adminResetLink(c.get('em'), c.get('viewer')!, id, deps.config.publicUrl);
    return editPage(c, id, { resetLink: link });
  });

  app.post('/tokens/:id/revoke', async (c) => {
    const token = await adminRevokeToken(
      c.get('em'),
      c.get('viewer')!,
      idParam.parse(c.req.param('id')),
    );
    return editPage(c, token.user.id, { notice: `Token "${token.name}" revoked.` });
  });

  app.get('/audit', async (c) => {
    const page = Math.max(1, Number(c.req.query('page') ?? '1') || 1);
    const { rows, total } = await auditPage(c.get('em'), page);
    return render(c, 'pages/admin/audit', {
      title: 'Audit log',
      rows,
      total,
      page,
      pages: Math.max(1, Math.ceil(total / 50)),
    });
  });

  return app;
}
