/** Reads a response line by line as it arrives; returns every line. */
export async function readLines(
  response: Response,
  onLine: (line: string) => void,
): Promise<string[]> {
  const lines: string[] = [];
  const emit = (line: string) => {
    if (line.trim()) {
      lines.push(line);
      onLine(line);
    }
  };
  if (!response.body || typeof response.body.getReader !== 'function') {
    (await response.text()).split('\n').forEach(emit);
    return lines;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    parts.forEach(emit);
  }
  emit(buffered);
  return lines;
}
