/**
 * Spectral frames of speech-commands' BROWSER_FFT recipe, from PCM at any rate: the recipe's
 * constants, the frame extractor (resampler, FFT, dB rows, band levels), and the logarithm
 * both of its paths share. The WebAssembly kernel's loader is `./kernel`, imported only where
 * the kernel is wanted (the offline analyzer), so the worklet does not carry its bytes.
 */
export * from './recipe';
export { FrameExtractor, FramingExtractors, framingLag } from './extractor';
export { withLevels } from './levels';
export { ln } from './log';
export { type FrameBlock, frameBlock, nextSlot } from './block';
