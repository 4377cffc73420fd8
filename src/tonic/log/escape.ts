// Escaping for log fields, as Apache's ap_escape_logitem: `"` and `\` get a backslash, control characters
// and bytes outside printable ASCII become \xhh (plus \n, \r, \t), so no client-sent value can forge a log
// line or break a parser. Node hands header values and the URL over as latin1, one char per byte.
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f-\uffff]/;

export function escapeLogItem(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c >= 0x7f) {
      if (c > 0xff) {
        for (const b of Buffer.from(String.fromCharCode(c), "utf8")) out += "\\x" + b.toString(16).padStart(2, "0");
      } else out += "\\x" + c.toString(16).padStart(2, "0");
    } else out += value[i];
  }
  return out;
}
