#!/usr/bin/env python3
"""Registers extensions FIRST..LAST (password PATTERN with {n}) at a SIP server over UDP, digest MD5 qop=auth, one
binding each (Contact sip:<n>@<local ip:port>). Paced at RATE REGISTERs/s; retries a lost request up to 3 times.
Used by heap.sh: SIPp 3.6.1 cannot take the digest username from an -inf field ("[authentication username=[field0]]"
is sent mangled), so this small client replaces it. Exit 0 when every extension got a 200.

usage: register_many.py SERVER_IP:PORT LOCAL_IP:PORT FIRST LAST PATTERN [RATE] [EXPIRES]
"""
import hashlib, os, re, socket, sys, time

server, local = sys.argv[1], sys.argv[2]
first, last, pattern = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rate = float(sys.argv[6]) if len(sys.argv) > 6 else 500.0
expires = int(sys.argv[7]) if len(sys.argv) > 7 else 3600
sh, sp = server.rsplit(':', 1); lh, lp = local.rsplit(':', 1)
dst = (sh, int(sp))
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
sock.bind((lh, int(lp)))
sock.settimeout(0.001)
md5 = lambda s: hashlib.md5(s.encode()).hexdigest()
tag = os.urandom(4).hex()
state = {}   # ext -> [cseq, sent_at, tries, done]

def register(n, cseq, auth=''):
    uri = f'sip:{sh}:{sp}'
    msg = (f'REGISTER {uri} SIP/2.0\r\nVia: SIP/2.0/UDP {lh}:{lp};branch=z9hG4bK{tag}{n}c{cseq};rport\r\n'
           f'From: <sip:{n}@{sh}>;tag={tag}{n}\r\nTo: <sip:{n}@{sh}>\r\nCall-ID: {tag}-{n}@{lh}\r\n'
           f'CSeq: {cseq} REGISTER\r\nContact: <sip:{n}@{lh}:{lp};transport=UDP>\r\nMax-Forwards: 70\r\n'
           f'Expires: {expires}\r\n{auth}User-Agent: switchboard-bench\r\nContent-Length: 0\r\n\r\n')
    sock.sendto(msg.encode(), dst)
    st = state.setdefault(n, [cseq, 0, 0, False, ''])
    st[0], st[1], st[4] = cseq, time.time(), auth

def on_response(data):
    text = data.decode(errors='replace')
    code = int(text.split(' ', 2)[1])
    m = re.search(r'^From: <sip:(\d+)@', text, re.M)
    if not m:
        return
    n = int(m.group(1)); st = state.get(n)
    cseq = int(re.search(r'^CSeq: (\d+)', text, re.M).group(1))
    if st is None or st[3] or cseq != st[0]:
        return
    if code == 401 and cseq == 1:
        ch = [h for h in re.findall(r'^WWW-Authenticate: Digest (.*)$', text, re.M) if 'MD5' in h][0]
        realm = re.search(r'realm="([^"]*)"', ch).group(1); nonce = re.search(r'nonce="([^"]*)"', ch).group(1)
        uri = f'sip:{sh}:{sp}'; cnonce = os.urandom(4).hex(); nc = '00000001'
        ha1 = md5(f'{n}:{realm}:{pattern.replace("{n}", str(n))}'); ha2 = md5(f'REGISTER:{uri}')
        resp = md5(f'{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}')
        auth = (f'Authorization: Digest username="{n}",realm="{realm}",nonce="{nonce}",uri="{uri}",'
                f'response="{resp}",algorithm=MD5,cnonce="{cnonce}",qop=auth,nc={nc}\r\n')
        register(n, 2, auth); state[n][2] = 0
    elif code == 200 and cseq == 2:
        st[3] = True
    elif code >= 300:
        print(f'{n}: {text.splitlines()[0]}', file=sys.stderr); st[3] = True; st.append('fail')

def pump():
    try:
        while True:
            data, _ = sock.recvfrom(65535)
            on_response(data)
    except (socket.timeout, BlockingIOError):
        pass

t0 = time.time(); nxt = first
while True:
    now = time.time()
    while nxt <= last and nxt - first < (now - t0) * rate:
        register(nxt, 1); nxt += 1
    pump()
    now = time.time()
    for n, st in state.items():   # retransmit after 2 s, 3 times at most
        if not st[3] and now - st[1] > 2:
            if st[2] >= 3:
                st[3] = True; st.append('fail'); continue
            st[2] += 1; register(n, st[0], st[4])
    if nxt > last and all(st[3] for st in state.values()):
        break
    if now - t0 > (last - first + 1) / rate + 60:
        break
ok = sum(1 for st in state.values() if st[3] and len(st) == 5)
print(f'registered {ok} of {last - first + 1} in {time.time() - t0:.1f} s')
sys.exit(0 if ok == last - first + 1 else 1)
