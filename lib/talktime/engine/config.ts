/** The talk-time engine's tuning: every threshold in one place, with what it is for. */

/** Tuning of the engine. Frame counts are ≈ 23.2 ms each. */
export interface TalkTimeConfig {
  /**
   * A sound the level stage has called speech for this many frames whose level stays within
   * `stationaryStdDb` (standard deviation) is noise that rose faster than the running minimum can
   * follow (a fan starting, a room getting louder): the floor jumps to it. Speech rises and falls
   * with its syllables. 0: off.
   */
  stationaryFrames: number;
  stationaryStdDb: number;
  /** Frames per sub-block of the running-minimum noise tracker. */
  noiseSubFrames: number;
  /** Sub-blocks in the running minimum (window = noiseSubFrames × noiseSubBlocks frames). */
  noiseSubBlocks: number;
  /** dB subtracted from every band SNR: the running minimum sits below the mean noise level. */
  snrBiasDb: number;
  /**
   * `snrBiasDb` for the user's microphone while it goes through a noise suppressor (the engine
   * is told, `setSelfProcessing`). What a suppressor leaves of a room swings far more from frame
   * to frame than the room did — it lets a burst through, then holds it down — so its running
   * minimum sits further below its mean, and frames of the room alone stand over the floor by the
   * level stage's on-score. Chosen with `processedVoicedReach` 24 on the training split's captures
   * through Chromium's processing (bench:processed --split train, 6 calls × clean, babble15,
   * drift15, combined and the room's echo −25 / −12; bench:stages for where the talk went): mean
   * share error 1.14 → 1.03 pp (combined 1.65 → 1.07, drift15 0.96 → 1.03), the user's talk in a
   * drifting room found / extra 97.9 / 4.7 → 97.3 / 3.0 % of the truth; 2.5: 1.08, 3: 1.06, 4.5:
   * 1.06 pp. A raw microphone keeps `snrBiasDb`: 2.5 there took the training split's recorded
   * voices from 0.95 to 1.30 pp (noise 5 dB under the speech 1.9 → 4.4).
   */
  processedSnrBiasDb: number;
  /** Band SNRs are clamped to this before averaging, so one loud band cannot carry a frame. */
  snrClampDb: number;
  /** The frame score averages this many of the highest band SNRs (speech in noise stands out in a few bands). */
  scoreBands: number;
  /** The frame score is averaged over frames f − span … f + span (decisions wait `span` frames). */
  scoreSpan: number;
  /** Mean clamped band SNR (dB) that starts speech … */
  onScore: number;
  /** … and that keeps it going (hysteresis). */
  offScore: number;
  /**
   * A run that has had fewer than this many frames at the on-threshold (a click, a knock) is
   * held by the off-threshold for at most `shortHoldFrames` frames after its last one: in a
   * quiet room the floor of the narrow low bands sits so far below their mean that noise alone
   * can hold the score above the off-threshold for seconds. 0: off.
   */
  shortRunFrames: number;
  shortHoldFrames: number;
  /** Lowest band noise floor assumed, dB: digital silence must not make any sound "speech". */
  minFloorDb: number;
  /** A frame whose every band is below this (dB) is digital silence: zeros, not a quiet room. */
  digitalSilenceDb: number;
  /** Band floor assumed for the first `priorSubBlocks` noise sub-blocks, so talk from the very first frame can count … */
  priorFloorDb: number;
  /** … off by default: calls start with room noise far more often than mid-word, and a prior below loud noise counts that noise as talk. */
  priorSubBlocks: number;
  /** A self frame is echo when the other party was active within this many frames … */
  echoLookbackFrames: number;
  /** … and the self level is more than this many dB below the other's recent maximum. */
  echoMarginDb: number;
  /**
   * A self frame that meets the level rule above is echo only when its spectrum matches one of
   * the other party's frames in the lookback this well (correlation of their dB rows), or when
   * only the hysteresis keeps it on. A frame with its own onset-strength evidence and a spectrum
   * unlike anything the other just sent is the user talking over a loud sound from the other side
   * (a click, a cough, music). At most −1: the level rule alone.
   */
  echoMatch: number;
  /**
   * A self frame whose spectrum matches one of the other's recent frames this well is echo when
   * its level is below the other's recent maximum by more than `echoStrongMarginDb`, even if not
   * by `echoMarginDb`: room noise adds to the level of an echo. Above 1: off.
   */
  echoStrongMatch: number;
  echoStrongMarginDb: number;
  /**
   * `echoStrongMatch` while the user's microphone goes through an echo canceller (the engine is
   * told, `setSelfProcessing`): what a canceller leaves of the echo is what it could not
   * cancel, reshaped by its suppressor and the gain control after it — on the training split's
   * calls through Chromium's processing it matched its source at ≈ 0.6–0.8 and stood within a few
   * dB of the other party's level, so the raw-audio threshold let it through as the user's talk.
   */
  echoStrongMatchCancelled: number;
  /**
   * The longest echo delay, in frames, the lookback follows (see echo-delay.ts): past half the
   * lookback, a measured delay moves the lookback back to centre on it. 0: the lookback stays put.
   */
  echoDelayMaxFrames: number;
  /** The correlation of level steps a delay needs before it is believed. */
  echoDelayMinCorr: number;
  /**
   * A self frame below the other's recent maximum by `echoMarginDb` is still the user's talk when
   * it stands this many dB over how loud the other party comes back in the microphone (EchoCoupling:
   * the median, while they are active, of the user's level less theirs): a quiet user talking over
   * a loud other party with no loudspeaker echo, or little, is not their echo. Not while the
   * microphone goes through an echo canceller: there the median is how well it cancels, not how
   * loud what it lets through gets (on the training split's captures through Chromium's, with the
   * room's echo 12 dB down, the balance went from 0.51 to 0.96 pp off with the rule, at any margin
   * up to 20 dB; the calls with no echo gained 0.04 pp). Chosen on the training split. 999: off.
   */
  echoCouplingMarginDb: number;
  /**
   * The other party's voice does not come back in the user's microphone over its room while the
   * microphone's median level-stage score, over the frames where the other party was active
   * (≈ 20 s of their talk, `EchoAudibility`), stays below this (dB): on the training split's
   * calls it was 0–1.1 with no echo (drifting noise included) and 3.7–18 with a loudspeaker's
   * echo at −25 or −12 dB. Then a self frame scoring at least `echoInaudibleKeepScore` is the
   * user's, whatever the level test says: in a noisy room the coupling median is the room's
   * level, not the echo's, and the level test took words of a user talking over the other party
   * (on the dev set's drifting room, 2.7 s of one user's words in a minute). Quieter frames
   * still go through the rule, which takes the room's swells while the other talks (switching
   * the rule off entirely there cost the training split's noisy calls 0.1–0.2 pp). Not through
   * an echo canceller, whose leftovers come in bursts (training captures 1.52 → 1.55–1.58 pp
   * with it). Chosen on the training split's recorded voices (1.08 → 1.05 pp). 0: off.
   */
  echoAudibleScore: number;
  echoInaudibleKeepScore: number;
  /**
   * A run of at most this many frames (after bridging) is talk only if one of its frames is
   * voiced (voicing ≥ `voicedMin`, see voicing.ts): a short word has a vowel; the bursts a
   * noise suppressor lets through when room noise swells, and most clicks, have no harmonics.
   * Such a run's frames wait until it is long enough or voiced. 0: off.
   */
  unvoicedRunMaxFrames: number;
  voicedMin: number;
  /**
   * While the user talks (and has a voiced frame within this many frames), a frame of the other
   * party's counts as talk only if one of theirs within this many frames either side is voiced
   * (voicing ≥ `voicedMin`): a backchannel or an interruption has a vowel; the other room's noise
   * swelling while nobody there speaks, which the level stage and the model let through next to
   * that party's words, has none. The user's own channel has the echo rule for what the other
   * side sends; the other's channel had nothing. 0: off.
   */
  crossTalkVoicedReach: number;
  /**
   * … unless fewer than this share of the other party's recent talk frames are voiced (sampled,
   * over ≈ 30 s of their talk; the rule applies until ≈ 2 s of it was seen): a voice whose vowels
   * the voicing measure seldom finds (a loud room, a voice outside its pitch range) cannot be
   * judged by them, and its overlapping words would be lost.
   */
  crossTalkMinVoicedShare: number;
  /**
   * While the user's microphone goes through the browser's noise suppressor (its track's
   * settings say so, `setSelfProcessing`), a frame of the user's counts as talk only with a voiced
   * frame of theirs within this many frames either side. A suppressor lets a swelling or loud
   * room through until its estimate catches up, and the gain control lifts what it lets through:
   * on the training split's calls through Chromium's processing the user's talk came out ×1.56
   * under 5 dB noise, ×1.66 under 15 dB, ×1.24 on drifting noise, with the model's P 0.94–1.00 on
   * those leftovers; most of them lie more than 16 frames (0.37 s) from any vowel. On raw audio a
   * loud room hides real vowels from the voicing measure (the rule cost words there, see
   * BENCHMARKS), so raw audio is judged without it (`talkVoicedReach`, off). 0: off. 16 frames
   * first; 24 since the level stage's bias behind a suppressor (`processedSnrBiasDb`) lets fewer
   * of the room's leftovers through to it: on the training captures 1.08 → 1.03 pp with that bias
   * (combined 1.23 → 1.07), 1.14 → 1.11 without it; 32: 1.02 pp, the user's extra talk in a
   * drifting room 3.0 → 3.4 %.
   */
  processedVoicedReach: number;
  /** … unless fewer than this share of the user's recent talk frames are voiced (as `crossTalkMinVoicedShare`): a voice whose vowels the measure seldom finds is not judged by them. */
  processedMinVoicedShare: number;
  /**
   * A frame of either party's counts as talk only with a voiced frame of theirs (voicing ≥
   * `voicedMin`) within this many frames either side, unless fewer than `talkMinVoicedShare` of
   * their recent talk frames are voiced; the user's microphone through a noise suppressor is
   * judged by `processedVoicedReach` instead. 0: off, as shipped. Against a room whose noise
   * drifts or swells for seconds with no vowel in it. Tried at 22 frames (≈ 0.5 s) and 0.15: on
   * the training split's recorded voices it took each party's over-count in drifting rooms from
   * +8 / +12 % to +5 / +7 % but left the share error where it was (1.93 → 1.94 pp), and with the
   * synthetic voices counted the worst call went from 5.8 to 6.8 pp: in loud steady noise vowels
   * hide and words were lost. The frozen test split, measured once, agreed (mean 0.68 → 0.73,
   * max 6.32 → 8.24). Not taken; BENCHMARKS ("A vowel nearby for both parties").
   */
  talkVoicedReach: number;
  /** … the share below which a party is not judged by vowels (as `crossTalkMinVoicedShare`). */
  talkMinVoicedShare: number;
  /**
   * The near-vowel rules (`processedVoicedReach`, `talkVoicedReach`) measure a party's voiced
   * share on their talk frames that stand this far over their floor as a whole (dB,
   * `LevelStage.rise`), as the far end's rule does (`farEndClearRiseDb`). Measured on all their
   * talk frames, the share fell under `processedMinVoicedShare` on calls whose first seconds were
   * a suppressor's leftovers of a drifting room, and the rule stood aside for the very leftovers
   * it is there to drop (training split's captures: train-510-drift15's user ×1.40 with the rule
   * standing aside from 6 s to 21 s, ×1.31 judged). 10, 15 and 20 dB gave the same on the 36
   * captures; no voice there needed the rule to stand aside.
   */
  vowelShareClearRiseDb: number;
  /**
   * A frame of either party's counts as talk only with a frame of theirs within this many frames
   * either side whose band SNRs are uneven: their spread across the bands (standard deviation of
   * each band's level over its floor, floored at −3 dB) at least `shapeMinDb`. A room whose
   * noise swells or drifts raises every band by about as much (the same noise, louder); a voice
   * stands out in its formants' bands and not in the others, whatever the noise. 0: off.
   * Chosen on the training split (tune.ts, 12 calls of recorded voices × 12 variants; and its
   * calls through Chromium's voice processing, bench:processed --split train): the other party's
   * talk in drifting rooms +12.3 → +3.8 % of the truth (swelling +13.6 → +2.0 %), the user's +8.1
   * → +3.7 %, mean share error 1.93 → 1.86 pp; on the processed captures 3.75 → 2.80 pp (max
   * 14.1 → 9.1). Reach 16 (first shipped): +5.6 / +4.9 %, 1.87 pp; 8: +1.0 / +2.0 % but 1.89 pp,
   * words lost under 15 dB noise. A sound with the room's own spectrum, only louder, is taken for
   * the room.
   */
  shapeReach: number;
  shapeMinDb: number;
  /** … judging only frames that stand this far over the floor as a whole (their mean band SNR, dB). */
  shapeMinRiseDb: number;
  /**
   * `shapeMinDb` for the user's microphone while it goes through a noise suppressor
   * (`setSelfProcessing`): a suppressor attenuates each band by its own gain, so what it lets
   * through of a swelling room is less even than the room (spread 2–5 dB on the training split's
   * captures, against 2–3 raw). Chosen there (bench:processed --split train, 18 captures, with
   * `shapeReach` 12): 4: 2.98 pp, 5: —, 6: 2.80, 7 / 8 (reach 16): 2.92 / 2.98.
   */
  processedShapeMinDb: number;
  /**
   * The other party's voice reaches the call page through their browser's voice processing
   * (every call site asks for it), a codec and often a server's mix: what their noise suppressor
   * lets through of their room as it drifts or swells comes as unvoiced sound next to their
   * words, as on the user's processed microphone (`processedVoicedReach`), and the engine cannot
   * see their track's settings. So a frame of theirs counts only with a voiced frame of theirs
   * within this many frames either side, while their voice stands clear of their floor (at least
   * `farEndMinClearShare` of their recent voiced talk frames rise `farEndClearRiseDb` over it)
   * and their clear talk is voiced often enough for vowels to judge it (`farEndMinVoicedShare`);
   * and their sound's shape is judged by `farEndShapeMinDb`. Judged until their talk shows
   * otherwise (six voiced frames; ≈ 2 s of clear talk). A loud room sent raw hides their vowels:
   * there their voiced frames do not stand clear and the rule stands aside. Both shares are of
   * their voiced or clear frames, not of all their talk: the sound the rule is there to drop
   * would otherwise lower them the more of it there was, until the rule stood aside for it.
   * Chosen on the training split: its calls through a real MCU (`bench:janus --split train
   * --record`, 18 calls: clean, drift15, swell15; the audio the user's page received, offline)
   * 6.49 → 2.85 pp mean share error (max 30.5 → 12.2), their talk ×1.17 → ×1.08 of the truth
   * (median; worst ×3.08 → ×1.47); its 18 captures through Chromium's processing fed as the other
   * party's channel 3.55 → 2.44 pp (×1.18 → ×1.04); raw audio (tune.ts) 1.86 → 1.92 pp
   * (recorded voices; their talk 5.98 → 5.97 % off its truth on average) and 0.95 → 0.96 (all
   * voices). At reach 16: 3.20 on the MCU's calls, and words lost on clean raw audio. 0: off.
   * It judges only a channel received from a call (`TalkTimeOptions.otherReceived`: the live
   * meter's), never a recording made at the party's microphone: on the frozen test split, whose
   * calls are such recordings, measured once with it judging them, it lost most of a voice's
   * words under 5 dB noise sent raw (noise5 mean 1.43 → 8.93 pp, max 5.0 → 43.6), which the
   * training split had not shown (there, raw 5 dB noise keeps the rule aside: 0–22 % of a
   * voice's voiced talk frames stand clear, against 50–97 % through Chromium's suppressor and
   * 86–100 % through a server); presumably the voicing measure found only that voice's loudest
   * vowels, which stand clear (not looked into there: the split is frozen). A call's far end sends what its suppressor left; one that
   * sends 5 dB of room raw is where the rule can be wrong. BENCHMARKS, "The far end's rule".
   */
  farEndVoicedReach: number;
  /** … the share of their clear talk frames voiced below which vowels do not judge them (a whisper, a voice outside the voicing measure's pitch range) … */
  farEndMinVoicedShare: number;
  /** … and the rise over the floor (dB, `LevelStage.rise`) of a clear frame, and the share of their voiced talk frames that must be clear. */
  farEndClearRiseDb: number;
  farEndMinClearShare: number;
  /** `shapeMinDb` for the other party while the far end's rule judges them: as `processedShapeMinDb`, a suppressor's leftovers are less even than the room (on the MCU's training calls: 4: 3.84 pp, 5: 3.39, 6: 3.20 at reach 24 and rise 16). */
  farEndShapeMinDb: number;
  /** Frames per model-veto block (≈ 0.5 s). */
  vetoBlockFrames: number;
  /** A block whose window has P(speech) below this is not speech. */
  vetoThreshold: number;
  /**
   * … unless the level stage's mean score over the block's candidate frames is at least this
   * (dB): sound that stands this far above the room's noise floor is kept whatever the model
   * says. The model knows the voices it was trained on; on recorded voices it had never heard it
   * vetoed whole seconds of clear speech (P < 0.01). 0: the model alone decides.
   */
  vetoKeepScore: number;
  /**
   * … and has at least this many voiced candidate frames (voicing ≥ `voicedMin`): a voice the
   * model has never heard still has vowels; typing, a knock or a noise suppressor's leak as loud
   * as speech has none, so the model decides on those. 0: loudness alone keeps a block.
   */
  vetoKeepVoicedFrames: number;
  /**
   * `vetoKeepScore` for the user's microphone while it goes through a noise suppressor
   * (`setSelfProcessing`). The model learnt raw voices; what a suppressor leaves of one (tails
   * gated, soft syllables cut, the spectrum reshaped band by band) is sound it has never heard,
   * and on the training split's captures it vetoed processed talk with vowels in it that stood
   * 6–12 dB over the floor. Chosen there (bench:processed --split train, 36 captures: 12 — as a
   * raw microphone — 2.40 pp; 9, 7: 2.35; 6, 5, 4: 2.34; the 12 room echo captures 1.08 pp at
   * each): the middle of the plateau. Raw audio keeps `vetoKeepScore`: lowered to 6 there, the
   * raw training calls' mean went 1.85 → 1.79 pp but their worst call 11.1 → 12.3.
   */
  processedVetoKeepScore: number;
  /** Inside a continuous run the model decides at every n-th block (1: every block); the blocks between follow its verdict (`vetoFollowThreshold`). */
  vetoRecheckBlocks: number;
  /**
   * The blocks between rechecks follow the last recheck's verdict; when it was speech they are
   * still shown to the model, and one whose window it is all but sure holds no speech (P below
   * this) is vetoed as any other, the keep rule standing. A run that goes on from a word into
   * music, typing or a knock without a gap took up to a second of it on the word's verdict (on
   * the training split, half the music counted as talk lay in such blocks). Chosen on the
   * training split (tune.ts, 12 calls, recorded voices: 0: 1.31 pp, the events variant's talk
   * +5.0 / +3.6 % over its truth, parties over 5 % off 34 / 30 of 144; 0.005: 1.25, +2.4 / +2.6 %,
   * 33 / 27; 0.01: 1.27; 0.02: 1.28; 0.05: 1.30). 0: they follow the verdict unseen.
   */
  vetoFollowThreshold: number;
  /**
   * `vetoFollowThreshold` for the user's microphone while it goes through a noise suppressor:
   * none. What a suppressor leaves of a quiet voice is what the model is surest is not speech
   * (see `processedVetoKeepScore`); on the training split's captures through Chromium's
   * processing (`.cache/diag/evalset.ts`, 36 calls) 0.005 took swell15 1.19 → 1.31 pp and drift15's
   * worst 2.2 → 2.3, the rest unchanged.
   */
  processedVetoFollowThreshold: number;
  /**
   * A block the model vetoes keeps the level stage's run that goes on without a gap into a kept
   * frame of the block before or after it, up to this many frames from that edge: a word's tail
   * or onset that the block boundary left in a block of pause, whose window the model judged
   * mostly on the pause. 0: a vetoed block loses every frame. Decisions wait one block longer.
   * On the live benchmark's dev calls (offline, raw) one voice lost 8 % of its talk this way in
   * every variant (its P under 0.001 on blocks holding a word's edge). Chosen on the training
   * split (tune.ts, 12 calls × 13 variants: 0: 1.42 pp; 4: 1.41; 8: 1.40; 12: 1.38; 21: 1.39,
   * the events variant's talk +2.2 / +1.8 % over its truth at 0, +5.0 / +3.9 % at 12, +6.1 / +4.3 %
   * at 21: a word that runs on into music or typing keeps its edge); its captures through
   * Chromium's processing 1.16 → 1.10 pp.
   */
  vetoEdgeRunFrames: number;
  /** Pauses of at most this many frames inside a turn are bridged (≈ 300 ms). */
  bridgeFrames: number;
  /**
   * … and of at most this many (≈ 400 ms) while the party's loud frames stand less than
   * `noisyBridgeHeadroomDb` over their room (`Headroom`: every frame's level, its 98th percentile
   * less its 20th). A loud room hides a voice's soft syllables, so the pauses left between the
   * loud ones are longer than the voice's own: on the dev set's real voices in a drifting room
   * the analyzer lost up to 18 % of a user's talk as soft words under the room (syllables at
   * −44…−55 dB in a room at −41…−49). A constant 17 frames helped noisy calls but cost clean and
   * echo calls (training split, recorded voices: noise5 2.6 → 1.8 pp, echo-25 0.4 → 0.7, clean
   * 0.4 → 0.5). Chosen on the training split: recorded voices 1.05 / 9.4 → 0.95 / 8.8 pp, all
   * voices 0.65 / 5.0 → 0.61 / 3.2, captures through Chromium's processing 1.52 → 1.48 (20
   * frames: 0.93 / 7.9, 0.64 / 7.9, one call's user +53 %). 0: off.
   */
  noisyBridgeFrames: number;
  noisyBridgeHeadroomDb: number;
  /** Runs shorter than this (after bridging) are dropped as clicks. */
  minRunFrames: number;
  /**
   * Frames taken off both ends of every run after bridging. A frame's 46 ms window and the
   * score's smoothing make a run start and end ≈ 55 ms beyond the speech (median over the
   * clean dev calls), which would add ≈ 110 ms to every turn.
   */
  edgeTrimFrames: number;
  /**
   * A frame the rules let count as talk is kept only if the edge judge (edge-judge.ts, a small
   * network on the level stage's values, the voicing and the level around it, learnt on the
   * training split by `npm run train:edge`) gives it at least this probability of being talk; 0:
   * every frame is kept. It looks 20 frames further ahead than the rules, so decisions settle
   * ≈ 0.5 s later. It reads how far a frame stands under the party's own voice and how far that
   * voice stands over their room as the talker gate knew them when the rules decided the frame
   * (people talking behind a party run on from the party's words far under the voice): by-call
   * cross-validated on the training split, a party's talk off its truth 4.7 % (the judge retrained
   * without them) → 4.5 %, babble15 25.6 → 23.5 %.
   */
  edgeKeepProbability: number;
  /**
   * The talker gate (talker-level.ts): a party's talk frame counts only with a frame of theirs
   * at most `talkerGateReach` before it or `talkerGateAhead` after it whose level is at most this
   * many dB under their own talk's level (the `talkerQuantile` of the levels of their talk frames,
   * older frames halving in weight every `talkerHalfLifeFrames`; judged once `talkerMinFrames` of
   * talk are heard).
   * People talking at a distance in the party's room stand over its noise floor and sound like
   * speech to the model, but far quieter than the voice at the microphone. The gate judges only
   * while the room (the `talkerRoomQuantile` of every frame's level) is within
   * `talkerRoomWithinDb` of that voice: in a quiet room nothing else is loud enough to be taken
   * for their talk, and a soft voice there keeps every word. 0: off.
   * Chosen on the training split (tune.ts, 12 calls × 13 variants with `babble15`): babble15
   * 9.6 → 6.1 pp (each party's talk ×1.90 / ×2.70 → ×1.40 / ×1.70), every other variant within
   * 0.05 pp but combined 2.3 → 2.1 (its user's voice drops 6 dB half way: −1.2 → −3.3 %); the
   * training split's captures through Chromium's processing 1.12 → 1.11 pp (room within 30 dB;
   * 45 since: a microphone through a noise suppressor has its quietest frames pulled down, so its
   * room's 0.2 quantile lay 36–45 dB under the user's voice on three live calls with talkers
   * behind, where a quiet raw room lies 56–63 dB under it; the user's talk there ×4.45 → ×2.31, ×1.26,
   * ×1.26 on the captured tracks, the training split and its captures as at 30 dB). Without the room
   * condition clean 0.4 → 0.5 and the captures' users lost up to 8 % of their talk; a gate 10 dB
   * deep or reaching 43 frames gave babble15 5.2 / 5.9 with combined 2.8 / 2.5; the reference as
   * the 0.9 quantile was dragged down to the talkers behind in the calls' first half. Older frames
   * halve every 2 minutes: a listener's voice must outlast minutes of other people's talk, which
   * the rules let through before the gate (with 30 s, a café's talkers counted again 2.5 minutes
   * into listening; the 60 s calls above cannot tell 30 s from 2 minutes). So a voice that turns
   * more than 12 dB softer in a loud room is followed only after ≈ 8 minutes of its talk.
   * The loud frame may lie 24 frames before a frame but only 8 after it: a word's soft end trails
   * its loud part, while its start rises to it within a few frames, so the talkers behind a party
   * just before their words do not count as them (training split, 12 calls × 13 variants: 24
   * either side 1.45 / 18.9 pp, babble15 6.2; 24 before and 8 after 1.42 / 16.3, babble15 5.7,
   * combined 2.1 → 2.2, swell15 1.3 → 1.4, the rest as before; 12 after 1.43 / 17.0; 8 before
   * and 24 after 1.47 / 17.8, noise15 0.9 → 1.0; 32 or 43 before 1.45–1.48; the training
   * captures 1.12 → 1.11).
   */
  talkerGateDb: number;
  /**
   * `talkerGateDb` for the user's microphone while it goes through the browser's voice processing
   * (`setSelfProcessing`: a noise suppressor, and with it a gain control), and for the other
   * party, whose voice reaches the call page through their browser's (every call site asks for
   * it; the engine cannot see their settings). A gain control holds a voice's level as its owner
   * moves from the microphone and lifts what is left between their words, so the talkers behind
   * them come closer to the voice while the voice's own soft words stay near it; a raw microphone
   * follows the distance, and its user's voice may fall 6 dB and more (the `combined` variant), so
   * it keeps 12. Chosen on the training split: its captures through Chromium's processing
   * (bench:processed --split train, 6 calls × clean, babble15, drift15, combined; the other party
   * raw there) mean share error 1.94 → 1.52 pp (babble15 4.25 → 2.62, max 9.7 → 7.9; combined
   * 1.71 → 1.65; clean, drift15 as before); at 9 the babble max fell to 4.5 but a processed user
   * in combined lost 8 % of their talk (×1.06 → ×0.92), so 10. The other party at 10 (tune.ts, 12
   * calls × 13 variants, recorded voices): 1.11 / 13.7 → 1.08 / 9.4 pp, babble15 2.0 → 1.6, their
   * talk off its truth 3.93 → 3.62 % (max 71 → 44 %); 9 / 8: 1.09 / 9.4 (swell15 1.1 → 1.2 at 8);
   * all voices 0.66 / 4.8 → 0.65 / 5.0 (drift15's worst call 4.8 → 5.0). 0: as `talkerGateDb`.
   */
  processedTalkerGateDb: number;
  /** `talkerGateDb` for the other party (see `processedTalkerGateDb`). 0: as the user's raw microphone. */
  otherTalkerGateDb: number;
  talkerGateReach: number;
  talkerGateAhead: number;
  talkerQuantile: number;
  talkerHalfLifeFrames: number;
  talkerMinFrames: number;
  talkerRoomQuantile: number;
  talkerRoomWithinDb: number;
  /**
   * The talker gate in hindsight (hindsight.ts): within this many frames of the call's start (2
   * minutes), when a party's gate first judges and again each time the level it asks for has
   * risen `talkerHindsightStepDb` since, every talk frame before is judged again by it, and what
   * falls short is taken back (the metrics are built again: the figures so far fall). 0: off.
   * People talking behind a party count as them until the gate judges; and when they are heard
   * before the party's first word the gate first takes their level for the voice.
   * Chosen on the training split (tune.ts, 12 calls × 13 variants): off 0.86 / 8.5 pp (babble15
   * 3.5), each party's talk off its truth 2.92 / 3.89 % (max 24 / 68 %); on the gate's first
   * judgment only 0.86 / 8.5, 2.61 / 3.78 %; with a step of 6 / 3 / 1.5 dB 0.67 / 0.66 / 0.66,
   * max 4.8, babble15 1.0 / 0.9 / 0.9, 2.37 / 2.75 % (max 18 / 20 %); noise30 0.4 → 0.5, the
   * other variants as they were. The training captures through Chromium's processing, babble15:
   * 6.35 / 13.1 → 4.64 / 11.8 pp.
   */
  talkerHindsightFrames: number;
  talkerHindsightStepDb: number;
  /** A party interrupts when it starts while the other has talked this long … */
  interruptAfterFrames: number;
  /** … and keeps talking at least this long. */
  interruptMinFrames: number;
}

export const DEFAULT_CONFIG: TalkTimeConfig = {
  stationaryFrames: 43,
  stationaryStdDb: 2.5,
  noiseSubFrames: 8,
  noiseSubBlocks: 16,
  snrBiasDb: 1.5,
  processedSnrBiasDb: 3.5,
  snrClampDb: 25,
  scoreBands: 16,
  scoreSpan: 2,
  onScore: 2,
  offScore: 0.8,
  shortRunFrames: 12,
  shortHoldFrames: 3,
  minFloorDb: -100,
  digitalSilenceDb: -150,
  priorFloorDb: -85,
  priorSubBlocks: 0,
  echoLookbackFrames: 7,
  echoMarginDb: 8,
  echoMatch: 0.2,
  echoStrongMatch: 0.8,
  echoStrongMarginDb: 0,
  echoStrongMatchCancelled: 0.6,
  echoDelayMaxFrames: 16,
  echoDelayMinCorr: 0.2,
  echoCouplingMarginDb: 12,
  echoAudibleScore: 2.5,
  echoInaudibleKeepScore: 6,
  unvoicedRunMaxFrames: 43,
  voicedMin: 0.4,
  crossTalkVoicedReach: 8,
  crossTalkMinVoicedShare: 0.1,
  processedVoicedReach: 24,
  processedMinVoicedShare: 0.1,
  talkVoicedReach: 0,
  talkMinVoicedShare: 0.15,
  vowelShareClearRiseDb: 20,
  shapeReach: 12,
  shapeMinDb: 4,
  shapeMinRiseDb: 2,
  processedShapeMinDb: 6,
  farEndVoicedReach: 24,
  farEndMinVoicedShare: 0.1,
  farEndClearRiseDb: 20,
  farEndMinClearShare: 0.5,
  farEndShapeMinDb: 6,
  vetoBlockFrames: 21,
  vetoThreshold: 0.2,
  vetoKeepScore: 12,
  vetoKeepVoicedFrames: 3,
  processedVetoKeepScore: 6,
  vetoRecheckBlocks: 3,
  vetoFollowThreshold: 0.005,
  processedVetoFollowThreshold: 0,
  vetoEdgeRunFrames: 12,
  bridgeFrames: 13,
  noisyBridgeFrames: 17,
  noisyBridgeHeadroomDb: 36,
  minRunFrames: 4,
  edgeTrimFrames: 1,
  edgeKeepProbability: 0.15,
  talkerGateDb: 12,
  processedTalkerGateDb: 10,
  otherTalkerGateDb: 10,
  talkerGateReach: 24,
  talkerGateAhead: 8,
  talkerQuantile: 0.98,
  talkerHalfLifeFrames: 5200,
  talkerMinFrames: 200,
  talkerRoomQuantile: 0.2,
  talkerRoomWithinDb: 45,
  talkerHindsightFrames: 5200,
  talkerHindsightStepDb: 3,
  interruptAfterFrames: 22,
  interruptMinFrames: 43,
};
