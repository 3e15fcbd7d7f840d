// The CLI's formats and the engine's dependency checks place text the same way: one class, in core.
export { LineIndex } from '../core/line-index';
