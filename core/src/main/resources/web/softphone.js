// A plain WebRTC SIP phone: SIP.js's SimpleUser over the server's WebSocket, no STUN or TURN server (the server is
// ICE-lite and gives its own address). What it is doing is in window.softphone for a test or a curious user.
import { Web } from "/web/sip.js/index.js";

const query = new URLSearchParams(location.search);
const domain = query.get("domain") || location.hostname;
const state = document.getElementById("state");
const phone = window.softphone = { state: "starting", error: null, user: null };
// The page's words in the browser's language (zh* Chinese, else English); phone.state keeps the English state.
const chinese = /^zh/i.test((navigator.languages && navigator.languages[0]) || navigator.language || "en");
const STATES_ZH = { starting: "启动中", registered: "已注册", "in call": "通话中", "hung up": "已挂断",
  disconnected: "已断开", calling: "呼叫中", failed: "失败" };
if (chinese) {
  document.documentElement.lang = "zh-CN";
  document.title = "Switchboard 软电话";
  document.getElementById("softphone-title").textContent = "Switchboard 软电话";
  document.getElementById("state-label").textContent = "状态：";
  state.textContent = STATES_ZH.starting;
}

function show(next, error) {
  phone.state = next;
  state.textContent = chinese ? STATES_ZH[next] || next : next;
  if (error) {
    phone.error = String(error);
    document.getElementById("error").textContent = phone.error;
  }
}

/** Inbound and outbound RTP of the call, from the peer connection's own statistics. */
phone.stats = async () => {
  const session = phone.user && phone.user.session;
  const pc = session && session.sessionDescriptionHandler && session.sessionDescriptionHandler.peerConnection;
  if (!pc) {
    return null;
  }
  const result = { ice: pc.iceConnectionState, dtls: null, packetsReceived: 0, packetsSent: 0, audioEnergy: 0 };
  (await pc.getStats()).forEach(report => {
    if (report.type === "inbound-rtp" && report.kind === "audio") {
      result.packetsReceived = report.packetsReceived || 0;
      result.audioEnergy = report.totalAudioEnergy || 0;
    } else if (report.type === "outbound-rtp" && report.kind === "audio") {
      result.packetsSent = report.packetsSent || 0;
    } else if (report.type === "transport") {
      result.dtls = report.dtlsState;
    }
  });
  return result;
};

phone.hangup = () => phone.user.hangup();
phone.hold = () => setHold(true);
phone.unhold = () => setHold(false);
phone.dtmf = digits => phone.user.sendDTMF(digits);

// SIP.js resolves hold() once the re-INVITE is sent; a second one before the answer is refused ("Reinvite in
// progress"), so these resolve only when the answer came (onCallHold), with whether the call is now held.
let holdAnswered = null;

function setHold(hold) {
  return new Promise((resolve, reject) => {
    holdAnswered = resolve;
    (hold ? phone.user.hold() : phone.user.unhold()).catch(error => {
      holdAnswered = null;
      reject(error);
    });
  });
}

function heldNow(held) {
  phone.held = held;
  const answered = holdAnswered;
  holdAnswered = null;
  if (answered) {
    answered(held);
  }
}

async function start() {
  const user = new Web.SimpleUser(query.get("ws"), {
    aor: "sip:" + query.get("user") + "@" + domain,
    media: { constraints: { audio: true, video: false }, remote: { audio: document.getElementById("remote") } },
    // Keys as RFC 4733 events in the media (RTCDTMFSender), not SIP INFO.
    sendDTMFUsingSessionDescriptionHandler: true,
    userAgentOptions: {
      authorizationUsername: query.get("user"),
      authorizationPassword: query.get("password"),
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } }
    },
    delegate: {
      onCallAnswered: () => show("in call"),
      onCallHangup: () => show("hung up"),
      onCallHold: held => heldNow(held),
      onRegistered: () => show("registered"),
      onServerDisconnect: error => show("disconnected", error)
    }
  });
  phone.user = user;
  await user.connect();
  await user.register();
  show("registered");
  if (query.get("call")) {
    show("calling");
    await user.call("sip:" + query.get("call") + "@" + domain);
  }
}

start().catch(error => show("failed", error));
