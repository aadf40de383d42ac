import {measureElement, type DOMElement} from 'ink';
import {useLayoutEffect, useRef, useState, type RefObject} from 'react';

/**
 * The rendered height of the Box holding `ref`, re-measured after every render (cheap: it reads
 * the layout ink already computed) and stored only when it changes.
 */
export function useMeasuredHeight(initial = 1): [RefObject<DOMElement | null>, number] {
  const ref = useRef<DOMElement>(null);
  const [height, setHeight] = useState(initial);
  useLayoutEffect(() => {
    if (!ref.current) return;
    const measured = measureElement(ref.current).height;
    if (measured !== height) setHeight(measured);
  });
  return [ref, height];
}
