/**
 * The frozen TEST split of the talk-time benchmark (`npm run bench:talktime -- --split test`).
 *
 * Nothing is chosen on it: no threshold, rule or model. `tune.ts` and `train.ts` never import
 * this module (tests/scripts/test-split.test.ts checks), and its voices are in no other split.
 *
 * Its voices are Festival's (Debian `festival` + `festvox-*`; issue 8 allows "speech synthesized
 * locally (espeak-ng, festival/flite voices)"), none of them a speaker the engine was trained or
 * tuned on: flite's kal and slt voices (training) are the same speakers as Festival's
 * kal_diphone and us-slt-hts, so those two are left out. Each voice reads sentences in its own
 * language, from word lists written here, encoded as that voice's lexicon expects.
 *
 * Every real voice of the allowed sources is already in the training or dev split, so this split
 * has no real recordings of its own; the voices it has are diphone, unit-selection (Russian nsh,
 * cut from a real speaker's recordings) and HTS voices.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { type Clip, hashInt, rng, sentence, tts } from './data';

/** Debian packages the test split needs (`apt-get install --no-install-recommends …`). */
export const TEST_PACKAGES = [
  'festival',
  'festvox-kdlpc16k',
  'festvox-ca-ona-hts',
  'festival-ca',
  'festvox-czech-dita',
  'festvox-czech-machac',
  'festvox-czech-krb',
  'festival-czech',
  'festvox-suopuhe-lj',
  'festvox-suopuhe-mv',
  'festvox-italp16k',
  'festvox-itapc16k',
  'festvox-ru',
] as const;

const WORDS = {
  en: 'project meeting question goal week plan idea review team progress feedback career skill time next step problem answer really think maybe because interesting learned tried today yesterday tomorrow important difficult simple together manager customer release',
  cs: 'projekt schůzka otázka cíl týden plán nápad tým pokrok zpětná vazba kariéra dovednost čas další krok problém odpověď opravdu myslím možná protože zajímavé naučil zkusil dnes včera zítra důležité těžké jednoduché společně vedoucí zákazník',
  fi: 'projekti kokous kysymys tavoite viikko suunnitelma idea tiimi edistys palaute ura taito aika seuraava askel ongelma vastaus todella ajattelen ehkä koska kiinnostava opin yritin tänään eilen huomenna tärkeä vaikea helppo yhdessä esimies asiakas',
  it: 'progetto riunione domanda obiettivo settimana piano idea squadra progresso riscontro carriera abilità tempo prossimo passo problema risposta davvero penso forse perché interessante imparato provato oggi ieri domani importante difficile semplice insieme cliente',
  ca: 'projecte reunió pregunta objectiu setmana pla idea equip progrés carrera habilitat temps següent pas problema resposta realment penso potser perquè interessant après provat avui ahir demà important difícil senzill junts client',
  ru: 'проект встреча вопрос цель неделя план идея команда прогресс отзыв карьера навык время следующий шаг проблема ответ действительно думаю может потому интересно научился попробовал сегодня вчера завтра важно трудно просто вместе клиент',
} as const;
type Lang = keyof typeof WORDS;

/** Festival voice, its language, and the encoding its lexicon reads. */
const VOICES: { voice: string; lang: Lang; encoding: string }[] = [
  { voice: 'ked_diphone', lang: 'en', encoding: 'ascii' },
  { voice: 'upc_ca_ona_hts', lang: 'ca', encoding: 'latin1' },
  { voice: 'czech_dita', lang: 'cs', encoding: 'iso-8859-2' },
  { voice: 'czech_machac', lang: 'cs', encoding: 'iso-8859-2' },
  { voice: 'czech_krb', lang: 'cs', encoding: 'iso-8859-2' },
  { voice: 'suo_fi_lj_diphone', lang: 'fi', encoding: 'latin1' },
  { voice: 'hy_fi_mv_diphone', lang: 'fi', encoding: 'latin1' },
  { voice: 'lp_diphone', lang: 'it', encoding: 'latin1' },
  { voice: 'pc_diphone', lang: 'it', encoding: 'latin1' },
  { voice: 'msu_ru_nsh_clunits', lang: 'ru', encoding: 'utf-8' },
];

/** Which test-split packages are missing. */
export function missingTestPackages(): string[] {
  return TEST_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { encoding: 'utf8' }).status !== 0);
}

/** The voice reading `text`, its words re-encoded as its lexicon expects. */
function speak(voice: string, encoding: string, text: string): Float32Array {
  return tts(`festival:${voice}:${text}`, (wav) => {
    const input = execFileSync('iconv', ['-f', 'utf-8', '-t', encoding], { input: text });
    execFileSync('text2wave', ['-eval', `(voice_${voice})`, '-o', wav], { input, stdio: ['pipe', 'ignore', 'ignore'] });
  });
}

/** The test split's clips: `perVoice` sentences per Festival voice, split 'test'. */
export function testClips(perVoice = 10): Clip[] {
  const clips: Clip[] = [];
  for (const { voice, lang, encoding } of VOICES) {
    const group = `festival-${voice}`;
    for (let k = 0; k < perVoice; k++) {
      const text = sentence(rng(hashInt(group) + k), WORDS[lang].split(' '));
      clips.push({ id: `festival:${voice}:${text}`, group, split: 'test', source: 'festival', load: () => speak(voice, encoding, text) });
    }
  }
  return clips;
}
