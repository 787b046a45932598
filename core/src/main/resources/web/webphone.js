// The workbench's own phone: the signed-in agent's extension registered from the page over SIP on WebSocket
// (RFC 7118) with SIP.js, its calls as WebRTC (the server is ICE-lite and the DTLS server; no STUN or TURN server is
// needed). The workbench (workbench.js, a classic script) drives it through window.webPhone and hears from it by
// 'webphone' events on window: {type: 'state', state}, {type: 'incoming', caller, autoAnswer},
// {type: 'answered'}, {type: 'ended'}. Everything else a call does (hold, mute, keys, transfer, hang-up) goes
// through the server's API like with a desk phone: the media is anchored there.
import { UserAgent, Registerer, RegistererState, SessionState } from "/web/sip.js/index.js";

/** Reconnection delays after the connection to the server is lost, in ms (the last one repeats). */
const RECONNECT_MS = [1000, 2000, 5000, 10000, 30000];
/** Ring cadence: 1 s on, 2 s off (China and ITU-T E.180), two tones mixed. */
const RING = { onMs: 1000, offMs: 2000, tones: [440, 480], gain: 0.12 };

/** The ring tone and the test tone: Web Audio oscillators, played on the chosen speaker where the browser can. */
class Tones {
  constructor() {
    this.context = null;
    this.timer = 0;
    this.nodes = [];
  }

  async open(speaker) {
    if (!this.context) {
      this.context = new AudioContext();
    }
    if (speaker && this.context.setSinkId) {
      await this.context.setSinkId(speaker).catch(() => undefined);
    }
    if (this.context.state === 'suspended') {
      await this.context.resume().catch(() => undefined);
    }
    return this.context;
  }

  /** Plays the tones for ms milliseconds. */
  async beep(speaker, frequencies, ms, gain) {
    const context = await this.open(speaker);
    const level = context.createGain();
    level.gain.value = gain;
    level.connect(context.destination);
    const end = context.currentTime + ms / 1000;
    for (const frequency of frequencies) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(level);
      oscillator.start();
      oscillator.stop(end);
      this.nodes.push(oscillator);
    }
  }

  ring(speaker) {
    this.stop();
    const once = () => this.beep(speaker, RING.tones, RING.onMs, RING.gain);
    once();
    this.timer = setInterval(once, RING.onMs + RING.offMs);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = 0;
    for (const node of this.nodes) {
      try {
        node.stop();
      } catch (e) {
        // already stopped
      }
    }
    this.nodes = [];
  }
}

class WebPhone {
  constructor() {
    this.state = 'off';           // off, connecting, registered, reconnecting, failed
    this.error = null;
    this.devices = { microphone: '', speaker: '' };
    this.credentials = null;       // POST /api/me/web-phone's answer
    this.renew = null;             // async () => fresh credentials (the session's token), at each reconnection
    this.userAgent = null;
    this.registerer = null;
    this.incoming = null;          // the Invitation ringing in the page
    this.session = null;           // the established call
    this.attempt = 0;
    this.retryTimer = 0;
    this.tones = new Tones();
    this.audio = null;
  }

  emit(detail) {
    window.dispatchEvent(new CustomEvent('webphone', { detail }));
  }

  show(state, error) {
    this.state = state;
    this.error = error ? String(error.message || error) : null;
    this.emit({ type: 'state', state, error: this.error });
  }

  /** The WebSocket URL the page reaches the server by: wss from an https page, ws otherwise when offered. */
  static server(credentials) {
    const secure = location.protocol === 'https:' || credentials.wsPort == null;
    const port = secure ? credentials.wssPort : credentials.wsPort;
    return (secure ? 'wss://' : 'ws://') + location.hostname + ':' + port + credentials.path;
  }

  /** This browser's instance id (a UUID kept in localStorage), the same for every connection it makes. */
  static instanceId() {
    const key = 'switchboard.phone.instance';
    let id = localStorage.getItem(key);
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem(key, id);
    }
    return id;
  }

  /**
   * Registers the extension: credentials from POST /api/me/web-phone, renew to ask for them again when the
   * connection must be rebuilt, devices the chosen microphone and speaker (device ids, '' for the default).
   */
  async start(credentials, renew, devices) {
    await this.stop();
    this.renew = renew;
    this.devices = Object.assign({ microphone: '', speaker: '' }, devices || {});
    this.audio = document.getElementById('web-phone-audio');
    this.credentials = credentials;
    this.attempt = 0;
    await this.connect();
  }

  async connect() {
    this.show(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const c = this.credentials;
    const userAgent = new UserAgent({
      uri: UserAgent.makeURI('sip:' + c.extension + '@' + c.domain),
      transportOptions: { server: WebPhone.server(c), keepAliveInterval: 25 },
      authorizationUsername: c.extension,
      authorizationPassword: c.password,
      displayName: c.extension,
      // The same instance at every reconnection (RFC 5626 +sip.instance with reg-id): the new registration replaces
      // the binding of the connection that dropped instead of adding one the server would still try to ring.
      instanceId: WebPhone.instanceId(),
      logLevel: 'warn',
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: (error) => this.onDisconnect(userAgent, error),
      },
    });
    this.userAgent = userAgent;
    try {
      await userAgent.start();
      this.registerer = new Registerer(userAgent, { expires: 300, regId: 1 });
      this.registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered && this.userAgent === userAgent) {
          this.attempt = 0;
          this.show('registered');
        }
      });
      await this.registerer.register({
        requestDelegate: { onReject: (response) => this.show('failed', 'registration refused: '
          + response.message.statusCode + ' ' + response.message.reasonPhrase) },
      });
    } catch (e) {
      this.onDisconnect(userAgent, e);
    }
  }

  /** The connection dropped (the network, a server restart): rebuild it with fresh credentials, backing off. */
  onDisconnect(userAgent, error) {
    if (this.userAgent !== userAgent || this.state === 'off' || !error) {
      return;
    }
    this.show('reconnecting', error);
    const delay = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)];
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(async () => {
      try {
        this.credentials = this.renew ? await this.renew() : this.credentials;
      } catch (e) {
        this.show('failed', e);
        return;
      }
      userAgent.stop().catch(() => undefined);
      if (this.userAgent === userAgent) {
        await this.connect();
      }
    }, delay);
  }

  /** Unregisters and closes the connection (log-out, a desk phone chosen). */
  async stop() {
    clearTimeout(this.retryTimer);
    this.tones.stop();
    const userAgent = this.userAgent;
    this.userAgent = null;
    this.state = 'off';
    if (userAgent) {
      try {
        if (this.registerer) {
          await this.registerer.unregister().catch(() => undefined);
        }
        await userAgent.stop();
      } catch (e) {
        // gone either way
      }
    }
    this.registerer = null;
    this.incoming = null;
    this.session = null;
    this.emit({ type: 'state', state: 'off' });
  }

  /** An INVITE for the extension: rings, or is answered at once when the server asks (intercom, click-to-dial). */
  onInvite(invitation) {
    if (this.incoming || this.session) {
      invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const callInfo = invitation.request.getHeader('Call-Info') || '';
    const autoAnswer = /answer-after\s*=\s*0/i.test(callInfo);
    const from = invitation.remoteIdentity;
    const caller = (from.displayName || from.uri.user || '').trim();
    this.incoming = invitation;
    invitation.stateChange.addListener((state) => this.onSessionState(invitation, state));
    this.emit({ type: 'incoming', caller, autoAnswer });
    if (autoAnswer) {
      this.answer();
      return;
    }
    this.tones.ring(this.devices.speaker);
    if (document.hidden && window.Notification && Notification.permission === 'granted') {
      const note = new Notification(t('offer.incoming'), { body: caller, tag: 'switchboard-call' });
      note.onclick = () => window.focus();
    }
  }

  onSessionState(invitation, state) {
    if (state === SessionState.Established) {
      this.tones.stop();
      this.incoming = null;
      this.session = invitation;
      this.play(invitation);
      this.emit({ type: 'answered' });
    } else if (state === SessionState.Terminated) {
      this.tones.stop();
      if (this.incoming === invitation) {
        this.incoming = null;
      }
      if (this.session === invitation) {
        this.session = null;
      }
      this.emit({ type: 'ended' });
    }
  }

  /** The far end's audio on the chosen speaker. */
  play(session) {
    const handler = session.sessionDescriptionHandler;
    if (!this.audio || !handler) {
      return;
    }
    this.audio.srcObject = handler.remoteMediaStream;
    if (this.devices.speaker && this.audio.setSinkId) {
      this.audio.setSinkId(this.devices.speaker).catch(() => undefined);
    }
    this.audio.play().catch(() => undefined);
  }

  /** Whether a call is ringing in the page (Answer answers it here). */
  ringing() {
    return Boolean(this.incoming);
  }

  /** Answers the ringing call with the chosen microphone. */
  answer() {
    const invitation = this.incoming;
    if (!invitation) {
      return false;
    }
    this.tones.stop();
    const audio = this.devices.microphone ? { deviceId: { exact: this.devices.microphone } } : true;
    invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio, video: false } } })
      .catch((e) => this.show(this.state, e));
    return true;
  }

  /** Inbound and outbound audio of the call, from the peer connection's own statistics. */
  async stats() {
    const handler = this.session && this.session.sessionDescriptionHandler;
    const pc = handler && handler.peerConnection;
    if (!pc) {
      return null;
    }
    const result = { ice: pc.iceConnectionState, dtls: null, packetsReceived: 0, packetsSent: 0, audioEnergy: 0 };
    (await pc.getStats()).forEach((report) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        result.packetsReceived = report.packetsReceived || 0;
        result.audioEnergy = report.totalAudioEnergy || 0;
      } else if (report.type === 'outbound-rtp' && report.kind === 'audio') {
        result.packetsSent = report.packetsSent || 0;
      } else if (report.type === 'transport') {
        result.dtls = report.dtlsState;
      }
    });
    return result;
  }

  // ---------------------------------------------------------------------------------------- the device check

  /** Microphones and speakers, after asking for the microphone (labels are hidden until then). */
  static async listDevices() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    stream.getTracks().forEach((track) => track.stop());
    const all = await navigator.mediaDevices.enumerateDevices();
    const pick = (kind) => all.filter((d) => d.kind === kind)
      .map((d, i) => ({ id: d.deviceId, label: d.label || kind + ' ' + (i + 1) }));
    return { microphones: pick('audioinput'), speakers: pick('audiooutput') };
  }

  /** Calls level(0..1) about ten times a second with the microphone's input level; returns a stop function. */
  static async meter(microphone, level) {
    const audio = microphone ? { deviceId: { exact: microphone } } : true;
    const stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) {
        sum += s * s;
      }
      level(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    }, 100);
    return () => {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
      context.close();
    };
  }

  /** A one-second 1 kHz tone on the chosen speaker. */
  testTone(speaker) {
    return this.tones.beep(speaker, [1000], 1000, 0.2);
  }
}

window.webPhone = new WebPhone();
window.WebPhone = WebPhone;
window.dispatchEvent(new CustomEvent('webphone', { detail: { type: 'loaded' } }));
