import { useMutation, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { ChatStreamDocument, SendMessageDocument, StartConversationDocument, type ChatEvent } from '../../../typescript/src/index.js';
import { ErrorBox, money } from '../errors.js';
import { AnswerRating } from './AnswerRating.js';
import { ApprovalPanel } from './ApprovalPanel.js';

type Completed = Extract<ChatEvent, { __typename: 'ChatMessageCompleted' }>;
interface ToolActivity {
  callId: string;
  name: string;
  state: 'running' | 'ok' | 'failed';
  detail?: string;
}
interface Turn {
  question: string;
  messageId: string;
  text: string;
  deltas: number;
  tools: ToolActivity[];
  approvals: Extract<ChatEvent, { __typename: 'ChatToolApprovalRequested' }>['approval'][];
  completed?: Completed;
}

/** Chat with the assistant: the answer streams token by token, tool calls show as they start and finish, then citations. */
export function ChatView() {
  const [conversationId, setConversationId] = useState<string>();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState('');
  const [start, started] = useMutation(StartConversationDocument);
  const [send, sent] = useMutation(SendMessageDocument);
  const current = turns.at(-1);
  const streaming = current && !current.completed ? current.messageId : undefined;
  const update = (change: (turn: Turn) => Turn) => setTurns((all) => [...all.slice(0, -1), change(all.at(-1)!)]);

  const stream = useSubscription(ChatStreamDocument, {
    variables: { messageId: streaming ?? '' },
    skip: !streaming,
    onData: ({ data }) => {
      const event = data.data?.chatStream;
      if (event) update((turn) => apply(turn, event));
    },
  });

  const ask = async (text: string) => {
    if (!text.trim()) return;
    let id = conversationId;
    if (!id) {
      const result = await start({ variables: { title: text.slice(0, 60) } });
      id = result.data!.startConversation.id;
      setConversationId(id);
    }
    const result = await send({ variables: { conversationId: id, text } });
    const message = result.data!.sendMessage;
    setTurns((all) => [...all, { question: text, messageId: message.id, text: '', deltas: 0, tools: [], approvals: [] }]);
    setDraft('');
  };

  return (
    <section className="chat">
      <h1>Assistant</h1>
      {turns.map((turn) => (
        <article key={turn.messageId} className="turn">
          <p className="question">{turn.question}</p>
          {turn.tools.map((tool) => (
            <p key={tool.callId} className={`tool ${tool.state}`} data-testid="tool-call">
              {tool.state === 'running' ? '⏳' : tool.state === 'ok' ? '✔' : '✖'} {tool.name} {tool.detail}
            </p>
          ))}
          <p className="answer" data-testid="answer" data-streaming={turn.completed ? 'false' : 'true'} data-deltas={turn.deltas}>
            {turn.text || (turn.completed ? '' : '…')}
          </p>
          {turn.completed?.citations.length ? (
            <p className="citations">
              Sources:{' '}
              {turn.completed.citations.map((citation) => (
                <span key={citation.chunkId} className="badge">
                  {citation.title}
                </span>
              ))}
            </p>
          ) : null}
          {turn.completed && <AnswerRating messageId={turn.messageId} />}
          {turn.completed && turn.approvals.map((approval) => <ApprovalPanel key={approval.id} approval={approval} />)}
          {turn.completed?.message.order && (
            <p className="ok" data-testid="placed-order">
              Order placed: {money(turn.completed.message.order.totalCents, turn.completed.message.order.currency)} —{' '}
              {turn.completed.message.order.status}
            </p>
          )}
          {turn.completed?.message.errorCode && (
            <p className="error">
              <strong>{turn.completed.message.errorCode}</strong> the answer ended {turn.completed.message.status}
            </p>
          )}
        </article>
      ))}
      <ErrorBox error={started.error ?? sent.error ?? stream.error} />
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          void ask(draft).catch(() => undefined);
        }}
      >
        <input
          aria-label="Message"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="Ask for a dish, a policy…"
        />
        <button disabled={!!streaming || sent.loading}>Send</button>
      </form>
    </section>
  );
}

function apply(turn: Turn, event: ChatEvent): Turn {
  switch (event.__typename) {
    case 'ChatTokenDelta':
      return { ...turn, text: turn.text + event.text, deltas: turn.deltas + 1 };
    case 'ChatToolCallStarted':
      return { ...turn, tools: [...turn.tools, { callId: event.callId, name: event.name, state: 'running' }] };
    case 'ChatToolCallFinished':
      return {
        ...turn,
        tools: turn.tools.map((tool) =>
          tool.callId === event.callId
            ? { ...tool, state: event.ok ? 'ok' : 'failed', detail: event.ok ? `${event.durationMs} ms` : (event.errorCode ?? 'failed') }
            : tool,
        ),
      };
    case 'ChatToolApprovalRequested':
      return { ...turn, approvals: [...turn.approvals, event.approval] };
    case 'ChatMessageCompleted':
      return { ...turn, completed: event, text: turn.text || event.message.content };
    default:
      return turn;
  }
}
