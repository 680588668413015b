import { setupOffscreenCapture } from '../../lib/capture/tab-capture';

// The offscreen document (reason USER_MEDIA) exists only while a call tab's audio is captured.
setupOffscreenCapture();
