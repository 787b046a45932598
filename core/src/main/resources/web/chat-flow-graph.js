// Switchboard: the session-flow preview (plain ES2020, no library). Draws a flow's nodes as boxes in rows (the start
// on top, each node one row below the first node that leads to it) and its edges as arrows, labelled with a
// branch's keywords. Classic script: the only global it adds is ChatFlowGraph.
'use strict';

const ChatFlowGraph = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const BOX_W = 156;
  const BOX_H = 50;
  const GAP_X = 28;
  const GAP_Y = 46;
  const MARGIN = 16;
  const TYPE_NAMES = { start: 'cfa.start', message: 'cfa.message', branch: 'cfa.branch', transfer: 'cfg.toAPerson',
    end: 'cfa.end' };

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      node.setAttribute(key, String(value));
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /** A node's outgoing edges: [target id, label]. */
  function edgesOf(node) {
    if (node.type === 'branch') {
      const edges = (node.options || []).map((option) => [option.next, (option.keywords || []).join(', ')]);
      if (node.errorNext) {
        edges.push([node.errorNext, t('cfg.wrong') + ' ×' + (node.maxErrors || '?')]);
      }
      return edges;
    }
    return node.type === 'end' || !node.next ? [] : [[node.next, '']];
  }

  /**
   * Rows: breadth-first from the start, then pushed down along every edge that does not go back up (so a transfer's
   * end sits below the transfer even when a branch also leads to it); nodes the start does not reach go last.
   */
  function layers(nodes) {
    const byId = new Map(nodes.filter((n) => n.id).map((n) => [n.id, n]));
    const depth = new Map();
    const start = nodes.find((n) => n.type === 'start');
    const queue = start && start.id ? [start.id] : [];
    if (queue.length) {
      depth.set(start.id, 0);
    }
    while (queue.length) {
      const id = queue.shift();
      for (const [target] of edgesOf(byId.get(id))) {
        if (byId.has(target) && !depth.has(target)) {
          depth.set(target, depth.get(id) + 1);
          queue.push(target);
        }
      }
    }
    const bfs = new Map(depth);
    for (let pass = 0; pass < nodes.length; pass++) {
      let moved = false;
      for (const [id, d] of depth) {
        for (const [target] of edgesOf(byId.get(id))) {
          if (depth.has(target) && bfs.get(target) >= bfs.get(id) && depth.get(target) < d + 1) {
            depth.set(target, d + 1);
            moved = true;
          }
        }
      }
      if (!moved) {
        break;
      }
    }
    const rows = [];
    const unreached = [];
    for (const node of nodes) {
      if (node.id && depth.has(node.id)) {
        (rows[depth.get(node.id)] = rows[depth.get(node.id)] || []).push(node);
      } else {
        unreached.push(node);
      }
    }
    const dense = rows.filter(Boolean);
    if (unreached.length) {
      dense.push(unreached);
    }
    return dense;
  }

  function shorten(value, max) {
    const s = String(value || '');
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  function arrow(from, to, label, around) {
    const x1 = from.x + BOX_W / 2;
    const x2 = to.x + BOX_W / 2;
    let d;
    let lx;
    let ly;
    let anchor = 'middle';
    if (from.row === to.row && from !== to) {
      // side by side: straight across between the facing sides
      const right = to.x > from.x;
      const y = from.y + BOX_H / 2;
      const xa = right ? from.x + BOX_W : from.x;
      const xb = right ? to.x - 2 : to.x + BOX_W + 2;
      d = `M${xa},${y} L${xb},${y}`;
      lx = (xa + xb) / 2;
      ly = y - 5;
    } else if (around) {
      const side = Math.max(from.x, to.x) + BOX_W + 14;
      const y1 = from.y + BOX_H / 2;
      const y2 = to.y + BOX_H / 2;
      d = `M${from.x + BOX_W},${y1} C${side + 20},${y1} ${side + 20},${y2} ${to.x + BOX_W},${y2}`;
      lx = side + 20;
      ly = (y1 + y2) / 2;
      anchor = 'start';
    } else {
      const y1 = from.y + BOX_H;
      const y2 = to.y;
      const mid = (y1 + y2) / 2;
      d = `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2 - 2}`;
      lx = (x1 + x2) / 2;
      ly = mid - 3;
    }
    const group = svgEl('g', { class: 'cfg-edge' });
    group.appendChild(svgEl('path', { d, 'marker-end': 'url(#cfg-arrow)' }));
    if (label) {
      group.appendChild(svgEl('text', { x: lx, y: ly, 'text-anchor': anchor, class: 'cfg-edge-label' },
        shorten(label, 22)));
    }
    return group;
  }

  function box(node, at, bad) {
    const group = svgEl('g', { class: 'cfg-node cfg-' + (node.type || 'unknown') + (bad ? ' cfg-bad' : ''),
      'data-node': node.id || '' });
    group.appendChild(svgEl('rect', { x: at.x, y: at.y, width: BOX_W, height: BOX_H, rx: 8 }));
    group.appendChild(svgEl('text', { x: at.x + 10, y: at.y + 18, class: 'cfg-type' },
      t(TYPE_NAMES[node.type] || node.type || '?')));
    const title = node.type === 'transfer' && node.group ? (node.label || node.id) + ' → ' + node.group
      : node.label || node.id || t('cfg.noId');
    group.appendChild(svgEl('text', { x: at.x + 10, y: at.y + 37, class: 'cfg-title' }, shorten(title, 20)));
    return group;
  }

  /**
   * Draws `flow` ({nodes: [...]}) into the <svg> element; `problems` is a Set of node ids to mark. Edges to an id
   * that does not exist are drawn to a red "?".
   */
  function render(svg, flow, problems) {
    const nodes = (flow && Array.isArray(flow.nodes) ? flow.nodes : []).filter(Boolean);
    const rows = layers(nodes);
    const at = new Map();
    const widest = Math.max(1, ...rows.map((row) => row.length));
    const width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X + 150; // room for the edges round the side
    rows.forEach((row, r) => {
      const rowWidth = row.length * BOX_W + (row.length - 1) * GAP_X;
      const left = MARGIN + (widest * BOX_W + (widest - 1) * GAP_X - rowWidth) / 2;
      row.forEach((node, i) => {
        at.set(node, { x: left + i * (BOX_W + GAP_X), y: MARGIN + r * (BOX_H + GAP_Y), row: r });
      });
    });
    const height = MARGIN * 2 + Math.max(1, rows.length) * (BOX_H + GAP_Y);
    const byId = new Map(nodes.filter((n) => n.id).map((n) => [n.id, n]));
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    const defs = svgEl('defs');
    const marker = svgEl('marker', { id: 'cfg-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
      markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(svgEl('path', { d: 'M0,0 L10,5 L0,10 z' }));
    defs.appendChild(marker);
    svg.appendChild(defs);
    for (const node of nodes) {
      for (const [target, label] of edgesOf(node)) {
        const from = at.get(node);
        const to = byId.get(target);
        if (to) {
          // up, to itself, or over rows between (it would cross their boxes): round the right-hand side
          const around = at.get(to).row < from.row || to === node || at.get(to).row > from.row + 1;
          svg.appendChild(arrow(from, at.get(to), label, around));
        } else if (target) {
          const x = from.x + BOX_W / 2;
          svg.appendChild(svgEl('text', { x, y: from.y + BOX_H + 18, class: 'cfg-missing', 'text-anchor': 'middle' },
            '→ ? ' + shorten(target, 14)));
        }
      }
    }
    for (const node of nodes) {
      svg.appendChild(box(node, at.get(node), problems && problems.has(node.id)));
    }
    if (!nodes.length) {
      svg.appendChild(svgEl('text', { x: MARGIN, y: MARGIN + 20, class: 'cfg-missing' }, t('cfg.noNodesYet')));
    }
  }

  return { render, edgesOf };
})();
