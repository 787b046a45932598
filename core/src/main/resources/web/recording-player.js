// The records page's player of a call's recording (GET /api/records/{id}/recording): an <audio> with controls over
// the served WAV (the browser seeks with Range requests), the waveform of both channels on a canvas (the customer
// left above, the agent right below; min and max per pixel column, decoded with WebAudio), the recorder's marks
// (hold, transfer, gap) when it kept any, a line that follows the position, a click on the waveform to seek, and a
// download link. Every playback and download is written to the server's audit log.
'use strict';

const recPlayer = { id: null, peaks: null, duration: 0, marks: [], frame: 0 };

/** The play button of a record with a recording. */
function recordingButton(r) {
  return el('button', { class: 'btn small', type: 'button', dataset: { play: String(r.id) },
    title: t('play.title', { id: r.id }), onclick: () => openRecording(r) }, '▶ ' + t('play.play'));
}

/** Opens the player on a call's recording: the audio at once, the waveform and marks as they load. */
async function openRecording(r) {
  const id = String(r.id);
  const path = '/api/records/' + encodeURIComponent(id) + '/recording';
  const panel = $('rec-player');
  const audio = $('rec-player-audio');
  recPlayer.id = id;
  recPlayer.peaks = null;
  recPlayer.duration = 0;
  recPlayer.marks = [];
  panel.dataset.waveform = 'loading';
  delete panel.dataset.marks;
  panel.dataset.record = id;
  $('rec-player-title').textContent = t('play.title', { id });
  $('rec-player-meta').textContent = [when(r.startedAt), r.caller, r.callee, r.agent ? t('srch.agent',
    { staffNo: r.agent }) : null].filter(Boolean).join(' · ');
  $('rec-player-status').textContent = t('play.loading');
  $('rec-player-download').href = path + '?download=1';
  $('rec-player-download').setAttribute('download', 'call-' + id + '.wav');
  panel.hidden = false;
  audio.src = path;
  audio.play().catch(() => { /* the controls are there to start it */ });
  drawRecording();
  const [marks, peaks] = await Promise.all([
    api('GET', path + '/marks').then((m) => m.marks || []).catch(() => []),
    recordingPeaks(path).catch((e) => e),
  ]);
  if (recPlayer.id !== id) {
    return;
  }
  recPlayer.marks = marks;
  panel.dataset.marks = String(marks.length);
  if (peaks instanceof Error) {
    $('rec-player-status').textContent = t('play.failed', { message: peaks.message });
    panel.dataset.waveform = 'failed';
    return;
  }
  recPlayer.peaks = peaks.channels;
  recPlayer.duration = peaks.duration;
  $('rec-player-status').textContent = t('play.seek');
  drawRecording();
  panel.dataset.waveform = 'drawn';
}

/** The recording decoded (WebAudio, off any live audio device) into min/max per pixel column of each channel. */
async function recordingPeaks(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(response.status + ' ' + response.statusText);
  }
  const bytes = await response.arrayBuffer();
  const decoder = new OfflineAudioContext(2, 1, 8000);
  const buffer = await decoder.decodeAudioData(bytes);
  const columns = Math.max(1, $('rec-player-wave').width);
  const channels = [];
  for (let c = 0; c < Math.min(2, buffer.numberOfChannels); c++) {
    const samples = buffer.getChannelData(c);
    const min = new Float32Array(columns);
    const max = new Float32Array(columns);
    const per = samples.length / columns;
    for (let x = 0; x < columns; x++) {
      let lo = 0;
      let hi = 0;
      const end = Math.min(samples.length, Math.floor((x + 1) * per));
      for (let i = Math.floor(x * per); i < end; i++) {
        const v = samples[i];
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
      min[x] = lo;
      max[x] = hi;
    }
    channels.push({ min, max });
  }
  return { channels, duration: buffer.duration };
}

/** Draws the waveform (customer above, agent below), the marks and the position line. */
function drawRecording() {
  const canvas = $('rec-player-wave');
  const g = canvas.getContext('2d');
  const width = canvas.width;
  const height = canvas.height;
  g.clearRect(0, 0, width, height);
  const lane = height / 2;
  const colours = ['#2f6fde', '#1a9a5c'];
  (recPlayer.peaks || []).forEach((channel, c) => {
    const middle = lane * c + lane / 2;
    g.fillStyle = colours[c];
    for (let x = 0; x < width && x < channel.min.length; x++) {
      const top = middle - channel.max[x] * (lane / 2 - 2);
      const bottom = middle - channel.min[x] * (lane / 2 - 2);
      g.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
  });
  g.fillStyle = '#8a94a6';
  g.fillRect(0, lane, width, 1);
  g.font = '11px sans-serif';
  g.fillText(t('play.customer'), 4, 12);
  g.fillText(t('play.agent'), 4, lane + 12);
  const duration = recordingDuration();
  if (duration > 0) {
    g.fillStyle = '#c77800';
    for (const mark of recPlayer.marks) {
      const x = Math.round(mark.atSeconds / duration * width);
      g.fillRect(x, 0, 1, height);
      g.fillText(t('play.mark.' + mark.kind) + (mark.detail ? ' · ' + mark.detail : ''), x + 3, height - 4);
    }
    const x = Math.round($('rec-player-audio').currentTime / duration * width);
    g.fillStyle = '#d93025';
    g.fillRect(Math.min(width - 2, x), 0, 2, height);
  }
}

function recordingDuration() {
  const audio = $('rec-player-audio');
  return recPlayer.duration || (Number.isFinite(audio.duration) ? audio.duration : 0);
}

/** Redraws each frame while playing, so that the position line moves smoothly. */
function followRecording() {
  cancelAnimationFrame(recPlayer.frame);
  drawRecording();
  if (!$('rec-player-audio').paused) {
    recPlayer.frame = requestAnimationFrame(followRecording);
  }
}

function closeRecording() {
  const audio = $('rec-player-audio');
  audio.pause();
  audio.removeAttribute('src');
  audio.load();
  recPlayer.id = null;
  cancelAnimationFrame(recPlayer.frame);
  $('rec-player').hidden = true;
}

document.addEventListener('DOMContentLoaded', () => {
  const audio = $('rec-player-audio');
  for (const event of ['play', 'seeked', 'timeupdate', 'loadedmetadata', 'pause']) {
    audio.addEventListener(event, followRecording);
  }
  $('rec-player-wave').addEventListener('click', (event) => {
    const canvas = event.currentTarget;
    const duration = recordingDuration();
    if (duration > 0) {
      const box = canvas.getBoundingClientRect();
      audio.currentTime = Math.max(0, Math.min(duration, (event.clientX - box.left) / box.width * duration));
      drawRecording();
    }
  });
  $('rec-player-close').addEventListener('click', closeRecording);
  document.addEventListener('sb-language', () => {
    if (recPlayer.id) {
      $('rec-player-title').textContent = t('play.title', { id: recPlayer.id });
      drawRecording();
    }
  });
});
