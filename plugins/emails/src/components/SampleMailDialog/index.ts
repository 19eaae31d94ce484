export { SampleMailDialog } from './SampleMailDialog';
export type { SampleMailDialogProps } from './SampleMailDialog';
