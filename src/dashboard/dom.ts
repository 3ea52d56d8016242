/**
 * The only way the dashboard builds DOM: elements, attributes and text nodes. Strings become
 * text (never markup), so anything the API returns — URLs, referrers, UTM values, titles — is
 * shown as typed, never run.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  text?: string | number;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

const applyAttrs = (element: Element, attrs: Props['attrs']) => {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    // Event handler attributes are never set from here (CSP forbids them anyway).
    if (value === null || value === undefined || value === false || /^on/i.test(name)) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
};

const append = (parent: Node, children: Child[]) => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
};

/** `el('button', { class: 'chip', on: { click } }, 'Remove')` */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = String(props.text);
  applyAttrs(element, props.attrs);
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (numbers are written as they are). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttrs(element, attrs);
  append(element, children);
  return element;
}

/** Replaces every child of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
