import { browser } from 'wxt/browser';
import type { PopupTranslator } from '../../lib/i18n/popup';
import { isTestBuild } from '../../lib/platforms/hosts';

/** The demo call `npm start` serves; only test and demo builds may open it. */
const DEMO_CALL_URL = 'http://localhost:4823/call/demo-mentoring-room';

/** What a new user sees before any relationship exists: one clear first step, then the next. */
export function FirstSteps({ t }: { t: PopupTranslator }) {
  const demo = isTestBuild();
  return (
    <section className="card welcome" aria-labelledby="welcome-heading" data-testid="first-steps">
      <h2 id="welcome-heading">{t('popup', 'welcomeHeading')}</h2>
      <p>{t('popup', 'welcomeIntro')}</p>
      <ol className="steps">
        <li>
          <p>{t('popup', 'stepRelationship')}</p>
          <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('popup', 'stepRelationshipButton')}
          </button>
        </li>
        {demo ? (
          <li>
            <p>{t('popup', 'stepDemo')}</p>
            <button type="button" onClick={() => void browser.tabs.create({ url: DEMO_CALL_URL })}>
              {t('popup', 'stepDemoButton')}
            </button>
          </li>
        ) : null}
        <li>
          <p>{t('popup', 'stepCall')}</p>
        </li>
      </ol>
    </section>
  );
}
