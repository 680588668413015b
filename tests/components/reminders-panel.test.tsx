// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RemindersPanel } from '../../components/options/RemindersPanel';
import { getSettings, saveSettings } from '../../lib/db';
import { useFreshDb } from '../db/helpers';

useFreshDb();
const permissions = fakeBrowser.permissions as unknown as {
  request: (p: { permissions: string[] }) => Promise<boolean>;
  remove: (p: { permissions: string[] }) => Promise<boolean>;
};

beforeEach(async () => {
  fakeBrowser.reset();
  permissions.request = vi.fn(async () => true);
  permissions.remove = vi.fn(async () => true);
  await saveSettings({ language: 'en' });
});
afterEach(() => cleanup());

describe('reminders in the options page', () => {
  it('asks for notifications and alarms only when switched on, and gives them back when switched off', async () => {
    const user = userEvent.setup();
    render(<RemindersPanel />);
    const remind = await screen.findByRole('checkbox', { name: 'Remind me' });
    expect(permissions.request).not.toHaveBeenCalled();
    // The details can be looked at but not changed while reminders are off.
    expect(screen.getByRole('checkbox', { name: /10 minutes before/ }).closest('fieldset')?.disabled).toBe(true);
    expect((await getSettings()).reminders).toBeUndefined();

    await user.click(remind);
    expect(permissions.request).toHaveBeenCalledTimes(1);
    expect(permissions.request).toHaveBeenCalledWith({ permissions: ['alarms', 'notifications'] });
    await screen.findByText('Reminders are on.');
    expect((await getSettings()).reminders).toMatchObject({ enabled: true, beforeSession: true, unwrittenNote: true, weeklyDay: 5 });

    await user.selectOptions(screen.getByLabelText('Weekly review on'), '1');
    await waitFor(async () => expect((await getSettings()).reminders?.weeklyDay).toBe(1));
    expect(permissions.request).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('checkbox', { name: 'Remind me' }));
    await screen.findByText('Reminders are off; nothing is scheduled.');
    expect(permissions.remove).toHaveBeenCalledWith({ permissions: ['alarms', 'notifications'] });
    expect((await getSettings()).reminders?.enabled).toBe(false);
  });

  it('stays off, and says so, when the browser refuses', async () => {
    permissions.request = vi.fn(async () => false);
    const user = userEvent.setup();
    render(<RemindersPanel />);
    await user.click(await screen.findByRole('checkbox', { name: 'Remind me' }));
    await screen.findByText('The browser did not allow notifications, so reminders stay off.');
    expect((await getSettings()).reminders).toBeUndefined();
  });
});
