import { defineBackground } from 'wxt/utils/define-background';
import { setupExtraSiteCleanup, setupMessageRouter, setupRecovery, setupReminders, setupTabLifecycle } from '../lib/background';

export default defineBackground({
  type: 'module',
  main() {
    setupMessageRouter();
    setupTabLifecycle();
    setupRecovery();
    setupExtraSiteCleanup();
    setupReminders();
  },
});
