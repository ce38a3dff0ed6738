import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { createApollo } from './apollo.js';
import { forgetToken, isStaff, savedSession, saveToken, type Session } from './session.js';
import { SignIn } from './SignIn.js';
import { CartProvider } from './views/cart-state.js';
import { CartView } from './views/CartView.js';
import { ChatView } from './views/ChatView.js';
import { DeadLettersView } from './views/DeadLettersView.js';
import { KitchenView } from './views/KitchenView.js';
import { KnowledgeView } from './views/KnowledgeView.js';
import { MenuEditorView } from './views/MenuEditorView.js';
import { MenuView } from './views/MenuView.js';
import { MyOrdersView } from './views/MyOrdersView.js';
import { UsageView } from './views/UsageView.js';

const CUSTOMER_VIEWS = { menu: MenuView, cart: CartView, chat: ChatView, orders: MyOrdersView };
const STAFF_VIEWS = {
  kitchen: KitchenView,
  'menu-editor': MenuEditorView,
  knowledge: KnowledgeView,
  usage: UsageView,
};
const LABELS: Record<string, string> = {
  menu: 'Menu',
  cart: 'Cart',
  chat: 'Assistant',
  orders: 'My orders',
  kitchen: 'Kitchen board',
  'menu-editor': 'Menu editing',
  knowledge: 'Knowledge',
  usage: 'LLM usage',
  'dead-letters': 'Dead letters',
};

export function App() {
  const [session, setSession] = useState<Session | undefined>(savedSession);
  if (!session)
    return (
      <SignIn
        onSignedIn={(next) => {
          saveToken(next.token);
          setSession(next);
        }}
      />
    );
  return (
    <SignedIn
      session={session}
      onSignOut={() => {
        forgetToken();
        setSession(undefined);
      }}
    />
  );
}

function SignedIn({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const apollo = useMemo(() => createApollo(() => session.token), [session.token]);
  useEffect(() => () => apollo.close(), [apollo]);
  const views: Record<string, (props: { session: Session }) => React.ReactNode> = isStaff(session)
    ? { ...STAFF_VIEWS, ...(session.roles.includes('admin') ? { 'dead-letters': DeadLettersView } : {}), chat: ChatView }
    : CUSTOMER_VIEWS;
  const names = Object.keys(views);
  const [view, setView] = useState(() => (names.includes(location.hash.slice(1)) ? location.hash.slice(1) : names[0]!));
  const View = views[view] ?? views[names[0]!]!;
  return (
    <ApolloProvider client={apollo.client}>
      <CartProvider>
        <header>
          <strong>RAGline</strong>
          <nav>
            {names.map((name) => (
              <a key={name} href={`#${name}`} aria-current={name === view ? 'page' : undefined} onClick={() => setView(name)}>
                {LABELS[name]}
              </a>
            ))}
          </nav>
          <span className="who">
            {session.sub} · {session.tenant} · {session.roles.join(', ')}{' '}
            <button className="link" onClick={onSignOut}>
              Sign out
            </button>
          </span>
        </header>
        <main>
          <View session={session} />
        </main>
      </CartProvider>
    </ApolloProvider>
  );
}
