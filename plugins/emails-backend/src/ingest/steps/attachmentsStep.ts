import { IngestStep, mailOf } from '../pipeline/context';
import { checkAttachments } from './attachments';

const MB = 1024 * 1024;

/** Attachments checked against the Email Preference's limits; the kept ones stored, the dropped ones traced. */
export const attachmentsStep: IngestStep = {
  name: 'attachments',
  async run(ctx) {
    const { limits } = ctx.prefs;
    const files = await checkAttachments(mailOf(ctx).attachments, {
      maxAttachmentBytes: limits.maxAttachmentSizeMb * MB,
      maxInlineImageBytes: limits.maxInlineImageSizeMb * MB,
      blockedExtensions: limits.blockedExtensions,
    });
    for (const d of files.dropped) ctx.trace.add('attachments', 'dropped', d);
    ctx.droppedAttachments = files.dropped;
    ctx.attachmentIds = await ctx.effects.saveAttachments(
      ctx.message.id,
      files.kept,
    );
  },
};
